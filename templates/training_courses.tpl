{{%AUTOESCAPE context="HTML"}}<h1>Training courses</h1>
<p class="lead">The courses training can be recorded against. The codes are used in CSV uploads and by the account-approval checks.</p>
<div class="table-scroll" tabindex="0">
<table class="data">
<caption>Courses</caption>
<thead><tr><th scope="col">Code</th><th scope="col">Title</th><th scope="col">Records</th></tr></thead>
<tbody>{{#courses}}<tr><th scope="row"><code>{{code}}</code></th><td>{{title}}</td><td class="num">{{records}}</td></tr>
{{/courses}}</tbody>
</table>
</div>
<form class="stack card" method="post" action="/admin/courses">
<h2>Add a course</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_code}} has-error{{/err_code}}"><label for="f-code">Code</label>
<p class="hint" id="h-code">Lower-case letters, digits and underscores, starting with a letter, such as <code>first_aid</code>.</p>
{{#err_code}}<p class="field-error" id="e-code">{{err_code}}</p>{{/err_code}}
<input id="f-code" name="code" type="text" required maxlength="64" value="{{form_code}}" aria-describedby="h-code{{#err_code}} e-code{{/err_code}}"{{#err_code}} aria-invalid="true"{{/err_code}}></div>
<div class="field{{#err_title}} has-error{{/err_title}}"><label for="f-title">Title</label>
{{#err_title}}<p class="field-error" id="e-title">{{err_title}}</p>{{/err_title}}
<input id="f-title" name="title" type="text" required maxlength="200" value="{{form_title}}"{{#err_title}} aria-describedby="e-title" aria-invalid="true"{{/err_title}}></div>
<div class="actions"><button class="btn" type="submit">Add the course</button></div>
</form>
<p><a href="/training">Training records</a> · <a href="/admin/policies">Policies</a></p>
