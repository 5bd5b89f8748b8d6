{{%AUTOESCAPE context="HTML"}}<h1>{{policy_title}}</h1>
<dl class="facts"><dt>Applies to</dt><dd>{{policy_applies_to:x-staff-types}}</dd><dt>Created</dt><dd><time datetime="{{policy_created_at}}">{{policy_created_at:x-uk-time}}</time></dd></dl>
<form class="stack card" method="post" action="/admin/policies/{{policy_id}}">
<h2>Signing every year</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-renew_yearly" class="field{{#err_renew_yearly}} has-error{{/err_renew_yearly}}"{{#err_renew_yearly}} aria-describedby="e-renew_yearly"{{/err_renew_yearly}}><legend>Signed again every year</legend>
<p class="hint" id="h-renew">When it is, a signature made before the latest renewal date no longer counts: everyone it applies to is asked to sign the current version again, without a new version.</p>
{{#err_renew_yearly}}<p class="field-error" id="e-renew_yearly">{{err_renew_yearly}}</p>{{/err_renew_yearly}}
<label class="radio" for="f-renew_yearly-yes"><input id="f-renew_yearly-yes" name="renew_yearly" type="radio" value="yes"{{#policy_renewal_renew_yearly}} checked{{/policy_renewal_renew_yearly}} aria-describedby="h-renew"> Yes, every year</label>
<label class="radio" for="f-renew_yearly-no"><input id="f-renew_yearly-no" name="renew_yearly" type="radio" value="no"{{#not_policy_renewal_renew_yearly}} checked{{/not_policy_renewal_renew_yearly}}> No, once per version</label>
</fieldset>
<fieldset id="f-renew_from" class="field{{#err_renew_from}} has-error{{/err_renew_from}}{{#err_renew_day}} has-error{{/err_renew_day}}{{#err_renew_month}} has-error{{/err_renew_month}}"{{#err_renew_from}} aria-describedby="e-renew_from"{{/err_renew_from}}><legend>The day the yearly signing starts</legend>
<p class="hint" id="h-renew_from">For example 1 September, the start of the school year.</p>
{{#err_renew_from}}<p class="field-error" id="e-renew_from">{{err_renew_from}}</p>{{/err_renew_from}}
{{#err_renew_day}}<p class="field-error" id="e-renew_day">{{err_renew_day}}</p>{{/err_renew_day}}
{{#err_renew_month}}<p class="field-error" id="e-renew_month">{{err_renew_month}}</p>{{/err_renew_month}}
<div class="date-parts"><div class="field"><label for="f-renew_day">Day</label>
<input id="f-renew_day" name="renew_day" type="text" inputmode="numeric" pattern="[0-9]{1,2}" maxlength="2" value="{{form_renew_day}}" aria-describedby="h-renew_from{{#err_renew_day}} e-renew_day{{/err_renew_day}}"{{#err_renew_day}} aria-invalid="true"{{/err_renew_day}}></div>
<div class="field"><label for="f-renew_month">Month</label>
<select id="f-renew_month" name="renew_month"{{#err_renew_month}} aria-describedby="e-renew_month" aria-invalid="true"{{/err_renew_month}}>{{#renew_months}}<option value="{{value}}"{{#chosen}} selected{{/chosen}}>{{name}}</option>{{/renew_months}}</select></div></div>
</fieldset>
<div class="actions"><button class="btn secondary" type="submit">Save</button></div>
</form>
<h2>Versions</h2>
{{#not_versions}}<p class="notice">No version has been written yet.</p>{{/not_versions}}
{{#has_versions}}<div class="table-scroll" tabindex="0">
<table class="data">
<caption>Versions, newest first</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">In effect from</th><th scope="col">Review due</th><th scope="col">What changed</th><th scope="col">Written</th><th scope="col">Authorised</th></tr></thead>
<tbody>{{/has_versions}}
{{#versions}}<tr><th scope="row"><a href="/aup/{{version_id}}">Version {{version}}</a></th><td>{{#draft}}<span class="badge status-pending">Draft: not yet authorised</span>{{/draft}}{{#current}}<span class="badge status-active">Current</span>{{/current}}{{#upcoming}}<span class="badge status-pending">Not yet in effect</span>{{/upcoming}}{{#not_draft}}{{#not_current}}{{#not_upcoming}}<span class="badge status-closed">Replaced</span>{{/not_upcoming}}{{/not_current}}{{/not_draft}}</td><td><time datetime="{{effective}}">{{effective:x-uk-time}}</time></td><td>{{#review_term}}{{review_term}}, from {{/review_term}}<time datetime="{{review_due}}">{{review_due:x-uk-time}}</time></td><td><span class="multiline">{{summary:pre_escape}}</span></td><td><time datetime="{{published_at}}">{{published_at:x-uk-time}}</time>{{#published_by}} by {{published_by}}{{/published_by}}</td><td>{{#authorisation}}{{authoriser_name}}{{#by_headteacher}}, {{job_title}}{{/by_headteacher}}{{#by_meeting}}, meeting of <time datetime="{{meeting_date}}">{{meeting_date:x-uk-time}}</time>{{#minute_ref}}, minute {{minute_ref}}{{/minute_ref}}{{/by_meeting}}; authorised on <time datetime="{{authorised_on}}">{{authorised_on:x-uk-time}}</time>{{/authorisation}}{{#draft}}Not yet{{/draft}}{{#not_authorisation}}{{#not_draft}}Not recorded{{/not_draft}}{{/not_authorisation}}</td></tr>
{{/versions}}
{{#has_versions}}</tbody>
</table>
</div>{{/has_versions}}
{{#drafts}}<form class="stack card" method="post" action="/admin/policies/{{policy_id}}/versions/{{version_id}}/authorise">
<h2>Authorise version {{version}}</h2>
<p class="hint">A draft is read by the administrator and the school's leaders only. Record who approved it, as the policy's footer asks: it is then published, everyone it applies to is told, and from the date it takes effect each of them is asked to sign it.</p>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-authorised_by{{id_suffix}}" class="field{{#authorise_sent}}{{#err_authorised_by}} has-error{{/err_authorised_by}}{{/authorise_sent}}"{{#authorise_sent}}{{#err_authorised_by}} aria-describedby="e-authorised_by"{{/err_authorised_by}}{{/authorise_sent}}><legend>Authorised by</legend>
{{#authorise_sent}}{{#err_authorised_by}}<p class="field-error" id="e-authorised_by">{{err_authorised_by}}</p>{{/err_authorised_by}}{{/authorise_sent}}
<label class="radio" for="f-authorised_by{{id_suffix}}-h"><input id="f-authorised_by{{id_suffix}}-h" name="authorised_by" type="radio" value="headteacher" required{{#authorise_sent}}{{#chose_authorised_by_headteacher}} checked{{/chose_authorised_by_headteacher}}{{/authorise_sent}}> The headteacher</label>
<label class="radio" for="f-authorised_by{{id_suffix}}-g"><input id="f-authorised_by{{id_suffix}}-g" name="authorised_by" type="radio" value="governing_body"{{#authorise_sent}}{{#chose_authorised_by_governing_body}} checked{{/chose_authorised_by_governing_body}}{{/authorise_sent}}> The governing body, at a meeting</label>
<label class="radio" for="f-authorised_by{{id_suffix}}-c"><input id="f-authorised_by{{id_suffix}}-c" name="authorised_by" type="radio" value="committee"{{#authorise_sent}}{{#chose_authorised_by_committee}} checked{{/chose_authorised_by_committee}}{{/authorise_sent}}> A committee of the governing body, at a meeting</label>
</fieldset>
<div class="field{{#authorise_sent}}{{#err_authoriser_name}} has-error{{/err_authoriser_name}}{{/authorise_sent}}"><label for="f-authoriser_name{{id_suffix}}">Name of the headteacher, or of the body or committee</label>
<p class="hint" id="h-authoriser_name{{id_suffix}}">For example "Full governing body" or "Curriculum and standards committee".</p>
{{#authorise_sent}}{{#err_authoriser_name}}<p class="field-error" id="e-authoriser_name">{{err_authoriser_name}}</p>{{/err_authoriser_name}}{{/authorise_sent}}
<input id="f-authoriser_name{{id_suffix}}" name="authoriser_name" type="text" maxlength="200" required value="{{#authorise_sent}}{{form_authoriser_name}}{{/authorise_sent}}" aria-describedby="h-authoriser_name{{id_suffix}}{{#authorise_sent}}{{#err_authoriser_name}} e-authoriser_name{{/err_authoriser_name}}{{/authorise_sent}}"{{#authorise_sent}}{{#err_authoriser_name}} aria-invalid="true"{{/err_authoriser_name}}{{/authorise_sent}}></div>
<div class="field{{#authorise_sent}}{{#err_job_title}} has-error{{/err_job_title}}{{/authorise_sent}}"><label for="f-job_title{{id_suffix}}">Job title (when the headteacher authorised it)</label>
{{#authorise_sent}}{{#err_job_title}}<p class="field-error" id="e-job_title">{{err_job_title}}</p>{{/err_job_title}}{{/authorise_sent}}
<input id="f-job_title{{id_suffix}}" name="job_title" type="text" maxlength="200" value="{{#authorise_sent}}{{form_job_title}}{{/authorise_sent}}"{{#authorise_sent}}{{#err_job_title}} aria-describedby="e-job_title" aria-invalid="true"{{/err_job_title}}{{/authorise_sent}}></div>
<div class="field{{#authorise_sent}}{{#err_meeting_date}} has-error{{/err_meeting_date}}{{/authorise_sent}}"><label for="f-meeting_date{{id_suffix}}">Date of the meeting (when a body or committee agreed it)</label>
{{#authorise_sent}}{{#err_meeting_date}}<p class="field-error" id="e-meeting_date">{{err_meeting_date}}</p>{{/err_meeting_date}}{{/authorise_sent}}
<input id="f-meeting_date{{id_suffix}}" name="meeting_date" type="date" value="{{#authorise_sent}}{{form_meeting_date}}{{/authorise_sent}}"{{#authorise_sent}}{{#err_meeting_date}} aria-describedby="e-meeting_date" aria-invalid="true"{{/err_meeting_date}}{{/authorise_sent}}></div>
<div class="field{{#authorise_sent}}{{#err_minute_ref}} has-error{{/err_minute_ref}}{{/authorise_sent}}"><label for="f-minute_ref{{id_suffix}}">Minute reference (optional)</label>
{{#authorise_sent}}{{#err_minute_ref}}<p class="field-error" id="e-minute_ref">{{err_minute_ref}}</p>{{/err_minute_ref}}{{/authorise_sent}}
<input id="f-minute_ref{{id_suffix}}" name="minute_ref" type="text" maxlength="100" value="{{#authorise_sent}}{{form_minute_ref}}{{/authorise_sent}}"{{#authorise_sent}}{{#err_minute_ref}} aria-describedby="e-minute_ref" aria-invalid="true"{{/err_minute_ref}}{{/authorise_sent}}></div>
<div class="field{{#authorise_sent}}{{#err_authorised_on}} has-error{{/err_authorised_on}}{{/authorise_sent}}"><label for="f-authorised_on{{id_suffix}}">Date authorised</label>
{{#authorise_sent}}{{#err_authorised_on}}<p class="field-error" id="e-authorised_on">{{err_authorised_on}}</p>{{/err_authorised_on}}{{/authorise_sent}}
<input id="f-authorised_on{{id_suffix}}" name="authorised_on" type="date" required value="{{#authorise_sent}}{{form_authorised_on}}{{/authorise_sent}}"{{#authorise_sent}}{{#err_authorised_on}} aria-describedby="e-authorised_on" aria-invalid="true"{{/err_authorised_on}}{{/authorise_sent}}></div>
<div class="actions"><button class="btn" type="submit">Authorise and publish version {{version}}</button></div>
</form>
{{/drafts}}
<form class="stack card" method="post" action="/admin/policies/{{policy_id}}/versions">
<h2>Write a new version</h2>
<p class="hint">You see the text as staff will see it before anything is saved. A saved version never changes. It is a draft until you record who authorised it; then everyone the policy applies to is told, and from the date it takes effect each of them is asked to sign it.</p>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_body}} has-error{{/err_body}}"><label for="f-body">The text, in Markdown</label>
<p class="hint" id="h-body">Start section headings with # or ##: they are placed under the policy's title, which is the page's main heading. HTML is not allowed and is shown as text removed.</p>
{{#err_body}}<p class="field-error" id="e-body">{{err_body}}</p>{{/err_body}}
<textarea id="f-body" name="body" rows="20" required aria-describedby="h-body{{#err_body}} e-body{{/err_body}}"{{#err_body}} aria-invalid="true"{{/err_body}}>&#10;{{form_body:pre_escape}}</textarea></div>
<div class="field{{#err_summary}} has-error{{/err_summary}}"><label for="f-summary">What changed in this version</label>
<p class="hint">Shown to everyone asked to sign it.</p>
{{#err_summary}}<p class="field-error" id="e-summary">{{err_summary}}</p>{{/err_summary}}
<textarea id="f-summary" name="summary" rows="3" required{{#err_summary}} aria-describedby="e-summary" aria-invalid="true"{{/err_summary}}>&#10;{{form_summary:pre_escape}}</textarea></div>
<div class="field{{#err_effective}} has-error{{/err_effective}}"><label for="f-effective">Takes effect on</label>
{{#err_effective}}<p class="field-error" id="e-effective">{{err_effective}}</p>{{/err_effective}}
<input id="f-effective" name="effective" type="date" required value="{{form_effective}}"{{#err_effective}} aria-describedby="e-effective" aria-invalid="true"{{/err_effective}}></div>
<div class="field{{#err_review_due}} has-error{{/err_review_due}}"><label for="f-review_due">Review due by</label>
<p class="hint" id="h-review_due">A date, like 1 September 2027 or 1/9/2027, or a term, like Michaelmas Term 2027 (Autumn or Michaelmas, Spring or Lent, Summer or Trinity). The administrator and the headteacher are reminded 30 days before.</p>
{{#err_review_due}}<p class="field-error" id="e-review_due">{{err_review_due}}</p>{{/err_review_due}}
<input id="f-review_due" name="review_due" type="text" maxlength="40" required value="{{form_review_due}}" aria-describedby="h-review_due{{#err_review_due}} e-review_due{{/err_review_due}}"{{#err_review_due}} aria-invalid="true"{{/err_review_due}}></div>
<div class="actions"><button class="btn" type="submit">Preview before saving</button></div>
</form>
<p><a href="/admin/policies">Back to policies</a></p>
