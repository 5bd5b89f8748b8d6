{{%AUTOESCAPE context="HTML"}}
<p>{{name}}</p>
<div>{{body:x-markdown}}</div>
<span>{{note:pre_escape}}</span>
<p><time datetime="{{at}}">{{at:x-uk-time}}</time>, <time datetime="{{due}}">{{due:x-uk-due}}</time></p>
<p>{{role:x-role}}: {{roles:x-roles}}, {{type:x-staff-type}}</p>
