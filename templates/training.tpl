{{%AUTOESCAPE context="HTML"}}<h1>Training</h1>
{{#not_leader}}<p class="lead">Your training records. Ask a senior leader or the office if one is missing.</p>
{{#not_training}}<p class="notice">No training has been recorded for you yet.</p>{{/not_training}}{{/not_leader}}
{{#leader}}<p class="lead">Training records for everyone. Record one below or upload a CSV file.</p>
<p>{{#untrained_count}}<a href="/training/untrained">{{untrained_words}} social-media policy training</a>: never trained, or due a refresher.{{/untrained_count}}{{#not_untrained_count}}Every active teacher and member of support staff has current social-media policy training (<a href="/training/untrained">see the list</a>).{{/not_untrained_count}}</p>
<h2>My own training</h2>
{{#not_mine}}<p class="muted">No training has been recorded for you yet.</p>{{/not_mine}}
{{#has_mine}}<ul>{{/has_mine}}{{#mine}}<li>{{course_title}}: completed <time datetime="{{completed_on}}">{{completed_on:x-uk-time}}</time>{{#expires_on}}, expires <time datetime="{{expires_on}}">{{expires_on:x-uk-time}}</time>{{/expires_on}} {{#current}}<span class="badge status-ok">Current</span>{{/current}}{{#expired}}<span class="badge status-overdue">Expired</span>{{/expired}}</li>
{{/mine}}{{#has_mine}}</ul>{{/has_mine}}
<h2>Everyone's training</h2>
<form class="filters" method="post" action="/training/search">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field"><label for="f-q">Search by name, e-mail or course</label>
<input id="f-q" name="q" type="text" maxlength="100" value="{{q}}"></div>
<div class="actions"><button class="btn secondary" type="submit">Search</button></div>
</form>
{{#not_training}}<p class="notice">No training records match.</p>{{/not_training}}{{/leader}}
{{#has_training}}<div class="table-scroll" tabindex="0">
<table class="data">
<caption>{{#leader}}Training records{{/leader}}{{#not_leader}}My training records{{/not_leader}}, most recent first</caption>
<thead><tr>{{#leader}}<th scope="col">Person</th>{{/leader}}<th scope="col">Course</th><th scope="col">Completed</th><th scope="col">Expires</th><th scope="col">Status</th></tr></thead>
<tbody>{{/has_training}}
{{#training}}<tr>{{#show_person}}<td>{{name}} <span class="muted">{{email}}</span></td>{{/show_person}}<td>{{course_title}}</td><td><time datetime="{{completed_on}}">{{completed_on:x-uk-time}}</time></td><td>{{#expires_on}}<time datetime="{{expires_on}}">{{expires_on:x-uk-time}}</time>{{/expires_on}}{{#not_expires_on}}Does not expire{{/not_expires_on}}</td><td>{{#current}}<span class="badge status-ok">Current</span>{{/current}}{{#expired}}<span class="badge status-overdue">Expired</span>{{/expired}}</td></tr>
{{/training}}
{{#has_training}}</tbody>
</table>
</div>{{/has_training}}
{{#leader}}<nav class="pagination" aria-label="Pages">{{#prev_page}}<a href="/training?{{#search}}search={{search}}&amp;{{/search}}page={{prev_page}}">Previous page</a>{{/prev_page}} {{#next_page}}<a href="/training?{{#search}}search={{search}}&amp;{{/search}}page={{next_page}}">Next page</a>{{/next_page}}</nav>
<form class="stack card" method="post" action="/training">
<h2>Record training</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_email}} has-error{{/err_email}}"><label for="f-email">E-mail address of the person trained</label>
{{#err_email}}<p class="field-error" id="e-email">{{err_email}}</p>{{/err_email}}
<input id="f-email" name="email" type="email" required value="{{form_email}}"{{#err_email}} aria-describedby="e-email" aria-invalid="true"{{/err_email}}></div>
<div class="field{{#err_course}} has-error{{/err_course}}"><label for="f-course">Course</label>
{{#err_course}}<p class="field-error" id="e-course">{{err_course}}</p>{{/err_course}}
<select id="f-course" name="course" required{{#err_course}} aria-describedby="e-course" aria-invalid="true"{{/err_course}}>{{#courses}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{title}}</option>{{/courses}}</select></div>
<div class="field{{#err_completed_on}} has-error{{/err_completed_on}}"><label for="f-completed_on">Completed on</label>
{{#err_completed_on}}<p class="field-error" id="e-completed_on">{{err_completed_on}}</p>{{/err_completed_on}}
<input id="f-completed_on" name="completed_on" type="date" required value="{{form_completed_on}}"{{#err_completed_on}} aria-describedby="e-completed_on" aria-invalid="true"{{/err_completed_on}}></div>
<div class="field{{#err_expires_on}} has-error{{/err_expires_on}}"><label for="f-expires_on">Expires on (leave empty if it does not expire)</label>
{{#err_expires_on}}<p class="field-error" id="e-expires_on">{{err_expires_on}}</p>{{/err_expires_on}}
<input id="f-expires_on" name="expires_on" type="date" value="{{form_expires_on}}"{{#err_expires_on}} aria-describedby="e-expires_on" aria-invalid="true"{{/err_expires_on}}></div>
<div class="actions"><button class="btn" type="submit">Save</button></div>
</form>
<form class="stack card" method="post" action="/training/import" enctype="multipart/form-data">
<h2>Upload training records</h2>
<p class="hint" id="h-file">A CSV file with a header row: <code>email,course,completed_on,expires_on</code>. Dates as YYYY-MM-DD; leave expires_on empty when the training does not expire. Every row is stored, or none is.</p>
{{#has_errors}}<div class="error-summary" role="alert"><h3>Nothing was imported</h3><ul>{{/has_errors}}
{{#errors}}<li>{{#line}}Line {{line}}: {{/line}}{{error}}</li>{{/errors}}
{{#has_errors}}</ul></div>{{/has_errors}}
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field"><label for="f-file">CSV file</label>
<input id="f-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="h-file"></div>
<div class="actions"><button class="btn" type="submit">Upload</button></div>
</form>
<p>Course codes: {{#courses}}<code>{{code}}</code> ({{title}}) {{/courses}}{{#is_admin}} · <a href="/admin/courses">Manage courses</a>{{/is_admin}}</p>{{/leader}}
