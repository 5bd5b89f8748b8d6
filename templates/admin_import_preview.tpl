{{%AUTOESCAPE context="HTML"}}<h1>Check the staff import</h1>
{{#can_confirm}}<p class="lead">Nothing has been saved yet. Check what the file would change, then confirm.</p>{{/can_confirm}}
{{#has_errors}}<div class="error-summary" role="alert"><h2>Nothing can be imported</h2>
<p>{{error}}</p><ul>{{/has_errors}}{{#errors}}<li>{{#line}}Line {{line}}: {{/line}}{{error}}</li>
{{/errors}}{{#has_errors}}</ul></div>{{/has_errors}}
<section aria-labelledby="h-added"><h2 id="h-added">New people ({{added_count}})</h2>
{{#not_added}}<p>Nobody new.</p>{{/not_added}}{{#has_added}}<ul>{{/has_added}}{{#added}}<li>{{name}} ({{email}}){{#job_title}}, {{job_title}}{{/job_title}}{{#department}}, {{department}}{{/department}}; staff type {{staff_type:x-staff-type}}</li>
{{/added}}{{#has_added}}</ul>{{/has_added}}</section>
<section aria-labelledby="h-changed"><h2 id="h-changed">Changes to people on the list ({{changed_count}})</h2>
{{#not_changed}}<p>No changes.</p>{{/not_changed}}{{#has_changed}}<ul>{{/has_changed}}{{#changed}}<li><a href="/admin/staff/{{id}}">{{email}}</a><ul>{{#changes}}<li>{{label}}: {{from_shown}} → {{to_shown}}</li>{{/changes}}</ul></li>
{{/changed}}{{#has_changed}}</ul>{{/has_changed}}
<p>{{unchanged}} people in the file are already up to date.</p></section>
<section aria-labelledby="h-left"><h2 id="h-left">Possibly left ({{possibly_left_count}})</h2>
{{#not_possibly_left}}<p>Everyone on the list is in the file.</p>{{/not_possibly_left}}{{#has_possibly_left}}<p>These people are on the list but not in the file. Importing does not deactivate them: after confirming, each is listed on the import page, and you confirm their leaving date on their page after handing over what they lead.</p><ul>{{/has_possibly_left}}{{#possibly_left}}<li><a href="/admin/staff/{{id}}">{{name}}</a> ({{email}}){{#leaving_on}}: leaves on <time datetime="{{leaving_on}}">{{leaving_on:x-uk-time}}</time>{{/leaving_on}}</li>
{{/possibly_left}}{{#has_possibly_left}}</ul>{{/has_possibly_left}}</section>
{{#has_left_in_file}}<section aria-labelledby="h-back"><h2 id="h-back">In the file but marked as left</h2>
<p>These people have left, yet the file names them. They are not changed; if one has come back, reactivate them from their page.</p><ul>{{/has_left_in_file}}{{#left_in_file}}<li><a href="/admin/staff/{{id}}">{{name}}</a> ({{email}}), line {{line}}</li>
{{/left_in_file}}{{#has_left_in_file}}</ul></section>{{/has_left_in_file}}
{{#can_confirm}}<form class="stack card" method="post" action="/admin/import/confirm">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="csv" value="{{csv}}">
<input type="hidden" name="stamp" value="{{stamp}}">
<p>Confirming saves every change above at once. If the staff list changes before you confirm, nothing is saved and you are asked to upload the file again.</p>
<div class="actions"><button class="btn" type="submit">Confirm and update the staff list</button></div>
</form>{{/can_confirm}}
<p><a href="/admin/import">Upload a different file</a></p>
