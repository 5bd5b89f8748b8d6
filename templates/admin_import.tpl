{{%AUTOESCAPE context="HTML"}}<h1>Import staff</h1>
<p class="lead">Upload a CSV file with a header row: <code>email,name,job_title,department,staff_type</code>. Every row is imported, or none is.</p>
{{#has_errors}}<div class="error-summary" role="alert"><h2>Nothing was imported</h2><ul>{{/has_errors}}
{{#errors}}<li>Line {{line}}: {{error}}</li>{{/errors}}
{{#has_errors}}</ul></div>{{/has_errors}}
<form class="stack card" method="post" action="/admin/import" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field"><label for="f-file">CSV file</label>
<input id="f-file" name="file" type="file" accept=".csv,text/csv" required></div>
<div class="actions"><button class="btn" type="submit">Import</button></div>
</form>
