{{%AUTOESCAPE context="HTML"}}<h1>Import staff</h1>
<p class="lead">Upload the school's whole staff list as a CSV file with a header row: <code>email,name,job_title,department,staff_type</code>. You see what it would change before anything is saved.</p>
<p><a href="/admin/import/template.csv" download>Download a template CSV file</a></p>
<ul>
<li>People already on the list are brought up to date (name, job title, department, staff type). An empty cell changes nothing.</li>
<li>People not yet on the list are added. They cannot sign in until a password is set.</li>
<li>People on the list but not in the file are listed as possibly left. Nobody is deactivated by a file: you confirm each leaving date on the person's page.</li>
<li>Staff types may be written as teacher, support, supply, governor, contractor or volunteer, in any case, or as common spellings such as "Support staff" or "Teaching".</li>
</ul>
<form class="stack card" method="post" action="/admin/import" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_file}} has-error{{/err_file}}"><label for="f-file">CSV file</label>
{{#err_file}}<p class="field-error" id="e-file">{{err_file}}</p>{{/err_file}}
<input id="f-file" name="file" type="file" accept=".csv,text/csv" required{{#err_file}} aria-describedby="e-file" aria-invalid="true"{{/err_file}}></div>
<div class="actions"><button class="btn" type="submit">Check the file</button></div>
</form>
{{#has_possibly_left}}<section class="card" aria-labelledby="h-left">
<h2 id="h-left">Possibly left</h2>
<p>These people are on the staff list but were not in the last file imported. Open each person's page to see what they lead, hand it over, and confirm their leaving date. Anyone who has not left stays as they are.</p>
<ul>{{/has_possibly_left}}{{#possibly_left}}<li><a href="/admin/staff/{{id}}#leaving">{{name}}</a> ({{email}}){{#leaving_on}}: leaves on <time datetime="{{leaving_on}}">{{leaving_on:x-uk-time}}</time>{{/leaving_on}}</li>
{{/possibly_left}}{{#has_possibly_left}}</ul></section>{{/has_possibly_left}}
