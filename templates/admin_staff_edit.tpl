{{%AUTOESCAPE context="HTML"}}{{#user}}<h1>{{name}}</h1>
<dl class="facts"><dt>E-mail</dt><dd>{{email}}</dd><dt>Added</dt><dd><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></dd>
<dt>Status</dt><dd>{{#active}}Active{{#leaving_on}} · leaves on <time datetime="{{leaving_on}}">{{leaving_on:x-uk-time}}</time>{{/leaving_on}}{{/active}}{{#not_active}}Left on <time datetime="{{left_on}}">{{left_on:x-uk-time}}</time>{{/not_active}}{{#not_can_sign_in}} · cannot sign in yet{{/not_can_sign_in}}</dd></dl>
{{#concerns_link}}<p><a href="{{concerns_link}}">All concerns about this person</a></p>{{/concerns_link}}
<form class="stack card" method="post" action="/admin/staff/{{id}}">
<h2>Details and roles</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="version" value="{{edit_version}}">
<div class="field{{#err_name}} has-error{{/err_name}}"><label for="f-name">Full name</label>
{{#err_name}}<p class="field-error" id="e-name">{{err_name}}</p>{{/err_name}}
<input id="f-name" name="name" type="text" required value="{{edit_name}}"{{#err_name}} aria-describedby="e-name" aria-invalid="true"{{/err_name}}></div>
<div class="field{{#err_job_title}} has-error{{/err_job_title}}"><label for="f-job_title">Job title</label>
{{#err_job_title}}<p class="field-error" id="e-job_title">{{err_job_title}}</p>{{/err_job_title}}
<input id="f-job_title" name="job_title" type="text" value="{{edit_job_title}}"{{#err_job_title}} aria-describedby="e-job_title" aria-invalid="true"{{/err_job_title}}></div>
<div class="field{{#err_department}} has-error{{/err_department}}"><label for="f-department">Department</label>
{{#err_department}}<p class="field-error" id="e-department">{{err_department}}</p>{{/err_department}}
<input id="f-department" name="department" type="text" value="{{edit_department}}"{{#err_department}} aria-describedby="e-department" aria-invalid="true"{{/err_department}}></div>
<div class="field{{#err_staff_type}} has-error{{/err_staff_type}}"><label for="f-staff_type">Staff type</label>
{{#err_staff_type}}<p class="field-error" id="e-staff_type">{{err_staff_type}}</p>{{/err_staff_type}}
<select id="f-staff_type" name="staff_type"{{#err_staff_type}} aria-describedby="e-staff_type" aria-invalid="true"{{/err_staff_type}}>{{#staff_types}}<option value="{{type}}"{{#selected}} selected{{/selected}}>{{type:x-staff-type}}</option>{{/staff_types}}</select></div>
<fieldset id="f-role"{{#err_role}} class="has-error" aria-describedby="e-role"{{/err_role}}><legend>Roles (everyone holds staff)</legend>
{{#err_role}}<p class="field-error" id="e-role">{{err_role}}</p>{{/err_role}}
{{#role_boxes}}<label class="checkbox"><input type="checkbox" name="role" value="{{role}}"{{#held}} checked{{/held}}> {{role:x-role}}</label>
{{/role_boxes}}</fieldset>
<p class="hint">Data protection officer, who may be someone from outside the school: receives reports of personal data breaches, the breach log and the subject access requests, and opens no other concern unless one is sent or assigned to them.</p>
<p class="hint">Changing roles signs the person out everywhere.</p>
<div class="actions"><button class="btn" type="submit">Save changes</button></div>
</form>
{{#active}}<form class="stack card" method="post" action="/admin/staff/{{id}}/invite">
<h2>Send an invitation</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="hint">{{name}} receives an e-mail with a link to choose their own password. The link works once and expires; a newer invitation replaces it.</p>
<div class="actions"><button class="btn secondary" type="submit">E-mail an invitation</button></div>
</form>{{/active}}
<form class="stack card" method="post" action="/admin/staff/{{id}}/password">
<h2>Set a password</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_password}} has-error{{/err_password}}"><label for="f-password">New password (at least {{password_min}} characters)</label>
<p class="hint" id="h-password">Not a common password, and not the school's name or {{name}}'s name or e-mail address. A few words that do not belong together make a good one.</p>
{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}
<input id="f-password" name="password" type="password" autocomplete="new-password" required minlength="{{password_min}}" aria-describedby="h-password{{#err_password}} e-password{{/err_password}}"{{#err_password}} aria-invalid="true"{{/err_password}}></div>
{{#ask_password}}<div class="field{{#err_your_password}} has-error{{/err_your_password}}"><label for="f-your_password">Your own password</label>
<p class="hint" id="h-your_password">Choosing someone's password opens their account, so staffroom checks that it is still you.</p>
{{#err_your_password}}<p class="field-error" id="e-your_password">{{err_your_password}}</p>{{/err_your_password}}
<input id="f-your_password" name="your_password" type="password" autocomplete="current-password" required aria-describedby="h-your_password{{#err_your_password}} e-your_password{{/err_your_password}}"{{#err_your_password}} aria-invalid="true"{{/err_your_password}}></div>{{/ask_password}}
<div class="actions"><button class="btn secondary" type="submit">Set password</button></div>
</form>
<form class="stack card" method="post" action="/admin/staff/{{id}}/sessions/end">
<h2>Sessions</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="hint">Signed in now on {{sessions_words}}. Signing out everywhere ends every one of them at once (for example after a lost laptop); they can sign in again with their password. This is recorded in the audit log.</p>
<div class="actions"><button class="btn danger" type="submit">Sign out everywhere</button></div>
</form>
{{#active}}{{#leaving_on}}<form class="stack card" method="post" action="/admin/staff/{{id}}/leaving/cancel">
<h2>Leaving date</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p>{{name}} leaves on <time datetime="{{leaving_on}}">{{leaving_on:x-uk-time}}</time>. Until then they stay active and can sign in; on that day they are deactivated and signed out.</p>
<div class="actions"><button class="btn secondary" type="submit">Cancel the leaving date</button></div>
</form>{{/leaving_on}}{{#handover}}<section class="card" id="hand-over" aria-labelledby="h-hand-over">
<h2 id="h-hand-over">Before they leave: what they lead</h2>
{{#leads_nothing}}<p>Nothing you can open names them as its lead: no social-media account, no application being decided, no open case assigned to them.</p>{{/leads_nothing}}
{{#has_accounts}}<p>Social-media accounts they lead: a moderator transfers each to a new lead on the account's page.</p><ul>{{/has_accounts}}{{#accounts}}<li><a href="/accounts/{{id}}">{{name}}</a> ({{platform_label}}, {{department}})</li>
{{/accounts}}{{#has_accounts}}</ul>{{/has_accounts}}
{{#has_applications}}<p>Applications for an account naming them as lead, still being decided: open each and agree a new lead with the applicant and the moderator.</p><ul>{{/has_applications}}{{#applications}}<li><a href="/accounts/applications/{{id}}">{{name}}</a> ({{platform_label}}, {{status:x-application-status}})</li>
{{/applications}}{{#has_applications}}</ul>{{/has_applications}}
{{#has_cases}}<p>Open cases assigned to them: reassign each on the case's page.</p><ul>{{/has_cases}}{{#cases}}<li><a href="/concerns/{{id}}">{{reference}}</a> ({{status:x-concern-status}})</li>
{{/cases}}{{#has_cases}}</ul>{{/has_cases}}
<p class="hint">Only what you may open is listed. Ask the designated safeguarding lead to reassign any other case assigned to them, and a moderator any other account they lead. You can still save the leaving date.</p>
</section>{{/handover}}<form class="stack card" id="leaving" method="post" action="/admin/staff/{{id}}/deactivate">
<h2>Leaving</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_left_on}} has-error{{/err_left_on}}"><label for="f-left_on">Leaving date</label>
{{#err_left_on}}<p class="field-error" id="e-left_on">{{err_left_on}}</p>{{/err_left_on}}
<input id="f-left_on" name="left_on" type="date"{{#err_left_on}} aria-describedby="e-left_on" aria-invalid="true"{{/err_left_on}}></div>
<p class="hint">A date after today is kept, and the person is deactivated on that day. Today, an earlier date or no date deactivates them now: they are signed out and cannot sign in. Their records are kept.</p>
<div class="actions"><button class="btn danger" type="submit">Save the leaving date or deactivate</button></div>
</form>{{/active}}{{#not_active}}<form class="stack card" method="post" action="/admin/staff/{{id}}/reactivate">
<h2>Reactivate</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="hint">{{name}} becomes active again: they can sign in with their password and count in compliance. Their leaving date is removed. This is recorded in the audit log.</p>
<div class="actions"><button class="btn" type="submit">Reactivate</button></div>
</form>{{/not_active}}{{/user}}
<p><a href="/admin/staff">Back to the staff list</a></p>
