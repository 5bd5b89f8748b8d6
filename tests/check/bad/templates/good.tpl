{{%AUTOESCAPE context="HTML"}}
<p>{{name}}</p>
<div>{{body:x-markdown}}</div>
<span>{{note:pre_escape}}</span>
<p><time datetime="{{at}}">{{at:x-uk-time}}</time>, <time datetime="{{due}}">{{due:x-uk-due}}</time></p>
<p>{{role:x-role}}: {{roles:x-roles}}, {{type:x-staff-type}}</p>
<select id="f-e" name="e"{{#err_e}} aria-describedby="e-e" aria-invalid="true"{{/err_e}}></select>
<input id="f-f" name="f" aria-describedby="h-f{{#err_f}} e-f{{/err_f}}"{{#err_f}} aria-invalid="true"{{/err_f}}>
