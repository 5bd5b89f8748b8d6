{{%AUTOESCAPE context="HTML"}}{{#account}}<h1>{{name}}</h1>
<p><span class="badge status-{{status}}">{{status:x-account-status}}</span>{{#lead_left}} <span class="badge status-urgent">Lead has left</span>{{/lead_left}}{{#monitoring_overdue}} <span class="badge status-overdue">Monitoring overdue</span>{{/monitoring_overdue}}</p>
{{#lead_left}}<p class="notice">{{lead_name}} has left the school. Transfer the account to a new lead or close it.</p>{{/lead_left}}
<dl class="facts card">
<dt>Platform</dt><dd>{{platform_label}}</dd>
<dt>Web address</dt><dd>{{#url}}<a href="{{url}}" rel="noopener noreferrer">{{url}}</a>{{/url}}{{#not_url}}Not recorded yet{{/not_url}}</dd>
<dt>Department</dt><dd>{{department}}</dd>
<dt>Lead</dt><dd>{{lead_name}} ({{lead}})</dd>
<dt>Open or closed</dt><dd>{{visibility:x-visibility}}</dd>
<dt>On the register since</dt><dd><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></dd>
<dt>Last monitoring check</dt><dd>{{#last_check}}<time datetime="{{last_check}}">{{last_check:x-uk-time}}</time>{{/last_check}}{{#not_last_check}}None yet{{/not_last_check}}</dd>
{{#closed_at}}<dt>Closed</dt><dd><time datetime="{{closed_at}}">{{closed_at:x-uk-time}}</time>: <span class="multiline">{{close_reason:pre_escape}}</span></dd>{{/closed_at}}
</dl>{{/account}}
{{#application_id}}<p><a href="/accounts/applications/{{application_id}}">The application and its approval history</a></p>{{/application_id}}
<section aria-labelledby="h-checks">
<h2 id="h-checks">Monitoring checks</h2>
<p class="muted">Comments, queries and complaints must be answered within 24 hours, or by the end of the next working day when that falls on a weekend or closure day.</p>
{{#not_checks_log}}<p class="notice">No monitoring check has been logged yet.</p>{{/not_checks_log}}
{{#has_checks_log}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>The latest monitoring checks, newest first</caption>
<thead><tr><th scope="col">Checked</th><th scope="col">By</th><th scope="col">Comments found</th><th scope="col">All answered</th><th scope="col">Notes</th><th scope="col">Concern</th></tr></thead>
<tbody>{{/has_checks_log}}
{{#checks_log}}<tr><th scope="row"><time datetime="{{checked_at}}">{{checked_at:x-uk-time}}</time></th><td>{{by_name}}</td><td>{{#comments_found}}Yes{{/comments_found}}{{#not_comments_found}}No{{/not_comments_found}}</td><td>{{#all_answered}}Yes{{/all_answered}}{{#not_all_answered}}No{{/not_all_answered}}</td><td><span class="multiline">{{notes:pre_escape}}</span></td><td>{{#concern_id}}<a href="/concerns/{{concern_id}}">{{concern_reference}}</a>{{/concern_id}}</td></tr>
{{/checks_log}}
{{#has_checks_log}}</tbody></table></div>{{/has_checks_log}}
{{#can_log_check}}<form class="stack card" method="post" action="/accounts/{{account_id}}/checks">
<h3>Log a check</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_checked_at}} has-error{{/err_checked_at}}"><label for="f-checked_at">When you checked (UK time)</label>
{{#err_checked_at}}<p class="field-error" id="e-checked_at">{{err_checked_at}}</p>{{/err_checked_at}}
<input id="f-checked_at" name="checked_at" type="datetime-local" required value="{{v_checked_at}}"{{#err_checked_at}} aria-describedby="e-checked_at"{{/err_checked_at}}></div>
<fieldset id="f-comments_found"{{#err_comments_found}} aria-describedby="e-comments_found"{{/err_comments_found}}><legend>Were there new comments, queries or complaints?</legend>
{{#err_comments_found}}<p class="field-error" id="e-comments_found">{{err_comments_found}}</p>{{/err_comments_found}}
<label class="checkbox" for="f-comments_found-yes"><input id="f-comments_found-yes" type="radio" name="comments_found" value="yes"{{#chose_comments_found_yes}} checked{{/chose_comments_found_yes}} required> Yes</label>
<label class="checkbox" for="f-comments_found-no"><input id="f-comments_found-no" type="radio" name="comments_found" value="no"{{#chose_comments_found_no}} checked{{/chose_comments_found_no}}> No</label>
</fieldset>
<fieldset id="f-all_answered"{{#err_all_answered}} aria-describedby="e-all_answered"{{/err_all_answered}}><legend>Have they all been answered?</legend>
{{#err_all_answered}}<p class="field-error" id="e-all_answered">{{err_all_answered}}</p>{{/err_all_answered}}
<label class="checkbox" for="f-all_answered-yes"><input id="f-all_answered-yes" type="radio" name="all_answered" value="yes"{{#chose_all_answered_yes}} checked{{/chose_all_answered_yes}} required> Yes (or there were none)</label>
<label class="checkbox" for="f-all_answered-no"><input id="f-all_answered-no" type="radio" name="all_answered" value="no"{{#chose_all_answered_no}} checked{{/chose_all_answered_no}}> No</label>
</fieldset>
<div class="field"><label for="f-notes">Notes</label>
<textarea id="f-notes" name="notes" rows="3" maxlength="4000">&#10;{{v_notes:pre_escape}}</textarea></div>
<label class="checkbox" for="f-open_concern"><input id="f-open_concern" type="checkbox" name="open_concern" value="yes"{{#chose_open_concern_yes}} checked{{/chose_open_concern_yes}}> Report an offensive or worrying comment to the moderator as a concern</label>
<div class="field{{#err_summary}} has-error{{/err_summary}}"><label for="f-summary">What was found, in one line (needed to report a concern)</label>
{{#err_summary}}<p class="field-error" id="e-summary">{{err_summary}}</p>{{/err_summary}}
<input id="f-summary" name="summary" type="text" maxlength="200" value="{{v_summary}}"{{#err_summary}} aria-describedby="e-summary"{{/err_summary}}></div>
<div class="actions"><button class="btn" type="submit">Log the check</button></div>
</form>{{/can_log_check}}
</section>
{{#may_see_posts}}<section aria-labelledby="h-posts">
<h2 id="h-posts">Posts for sign-off</h2>
<p class="muted">A senior leader reads a post before it goes out, and a reply when you want a second opinion.</p>
{{#may_submit_post}}<p><a class="btn secondary" href="/accounts/{{account_id}}/posts/new">Submit a post for sign-off</a></p>{{/may_submit_post}}
{{#not_posts}}<p class="notice">No post has been sent for sign-off yet.</p>{{/not_posts}}
{{#has_posts}}<ul class="stack">{{/has_posts}}{{#posts}}<li><a href="/accounts/{{account_id}}/posts/{{id}}">{{kind_label}} by {{author_name}}, <time datetime="{{submitted_at}}">{{submitted_at:x-uk-time}}</time></a> <span class="badge status-{{status}}">{{status_label}}</span></li>
{{/posts}}{{#has_posts}}</ul>{{/has_posts}}
</section>{{/may_see_posts}}
{{#can_credentials}}<section aria-labelledby="h-credentials">
<h2 id="h-credentials">Credentials</h2>
<p class="muted">Kept encrypted. Only the moderator and the senior leadership team can store or see them, and every viewing is recorded.</p>
{{#has_credentials}}<form class="stack card" method="post" action="/accounts/{{account_id}}/credentials/reveal">
<h3>Show the credentials</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field"><label for="f-reveal-password">Your own staffroom password, to confirm it is you</label>
<input id="f-reveal-password" name="password" type="password" autocomplete="current-password" required></div>
<div class="actions"><button class="btn" type="submit">Show the credentials once</button></div>
</form>{{/has_credentials}}
{{#not_has_credentials}}<p class="notice">No credentials have been stored for this account yet.</p>{{/not_has_credentials}}
{{#can_set_credentials}}<form class="stack card" method="post" action="/accounts/{{account_id}}/credentials">
<h3>{{#has_credentials}}Replace the credentials{{/has_credentials}}{{#not_has_credentials}}Store the credentials{{/not_has_credentials}}</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_login}} has-error{{/err_login}}"><label for="f-login">Sign-in name</label>
{{#err_login}}<p class="field-error" id="e-login">{{err_login}}</p>{{/err_login}}
<input id="f-login" name="login" type="text" maxlength="254" autocomplete="off" required value="{{v_login}}"{{#err_login}} aria-describedby="e-login"{{/err_login}}></div>
<div class="field{{#err_password}} has-error{{/err_password}}"><label for="f-password">The account's password</label>
{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}
<input id="f-password" name="password" type="password" autocomplete="new-password" required{{#err_password}} aria-describedby="e-password"{{/err_password}}></div>
<div class="field{{#err_recovery_email}} has-error{{/err_recovery_email}}"><label for="f-recovery_email">Recovery e-mail address</label>
{{#err_recovery_email}}<p class="field-error" id="e-recovery_email">{{err_recovery_email}}</p>{{/err_recovery_email}}
<input id="f-recovery_email" name="recovery_email" type="email" maxlength="254" value="{{v_recovery_email}}"{{#err_recovery_email}} aria-describedby="e-recovery_email"{{/err_recovery_email}}></div>
<div class="field"><label for="f-two_factor_notes">Two-factor notes (where the codes go)</label>
<textarea id="f-two_factor_notes" name="two_factor_notes" rows="2" maxlength="2000">&#10;{{v_two_factor_notes:pre_escape}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Store, encrypted</button></div>
</form>{{/can_set_credentials}}
</section>{{/can_credentials}}
{{#can_manage}}<section aria-labelledby="h-manage">
<h2 id="h-manage">Manage the account</h2>
<form class="stack card" method="post" action="/accounts/{{account_id}}">
<h3>Details</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_name}} has-error{{/err_name}}"><label for="f-name">Name or handle</label>
{{#err_name}}<p class="field-error" id="e-name">{{err_name}}</p>{{/err_name}}
<input id="f-name" name="name" type="text" maxlength="120" required value="{{v_name}}"{{#err_name}} aria-describedby="e-name"{{/err_name}}></div>
<div class="field{{#err_url}} has-error{{/err_url}}"><label for="f-url">Web address</label>
{{#err_url}}<p class="field-error" id="e-url">{{err_url}}</p>{{/err_url}}
<input id="f-url" name="url" type="url" maxlength="300" value="{{v_url}}"{{#err_url}} aria-describedby="e-url"{{/err_url}}></div>
<div class="field"><label for="f-status">Status</label>
<select id="f-status" name="status"><option value="active">active</option><option value="suspended"{{#v_suspended}} selected{{/v_suspended}}>suspended</option></select></div>
<div class="actions"><button class="btn secondary" type="submit">Save the details</button></div>
</form>
<form class="stack card" method="post" action="/accounts/{{account_id}}/transfer">
<h3>Transfer to a new lead</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_lead}} has-error{{/err_lead}}"><label for="f-lead">E-mail address of the new lead</label>
<p class="hint">The new lead must be active, have signed the current acceptable-use agreement and have current social-media policy training.</p>
{{#err_lead}}<p class="field-error" id="e-lead">{{err_lead}}</p>{{/err_lead}}
<input id="f-lead" name="lead" type="email" maxlength="254" required value="{{v_lead}}"{{#err_lead}} aria-describedby="e-lead"{{/err_lead}}></div>
<div class="actions"><button class="btn secondary" type="submit">Transfer</button></div>
</form>
<form class="stack card" method="post" action="/accounts/{{account_id}}/close">
<h3>Close the account</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_reason}} has-error{{/err_reason}}"><label for="f-reason">Why it is being closed</label>
{{#err_reason}}<p class="field-error" id="e-reason">{{err_reason}}</p>{{/err_reason}}
<textarea id="f-reason" name="reason" rows="2" maxlength="2000" required{{#err_reason}} aria-describedby="e-reason"{{/err_reason}}>&#10;{{v_reason:pre_escape}}</textarea></div>
<fieldset><legend>Handover checklist: confirm each step</legend>
{{#err_password_changed}}<p class="field-error" id="f-password_changed">{{err_password_changed}}</p>{{/err_password_changed}}
{{#err_recovery_changed}}<p class="field-error" id="f-recovery_changed">{{err_recovery_changed}}</p>{{/err_recovery_changed}}
{{#err_two_factor_moved}}<p class="field-error" id="f-two_factor_moved">{{err_two_factor_moved}}</p>{{/err_two_factor_moved}}
{{#err_content_archived}}<p class="field-error" id="f-content_archived">{{err_content_archived}}</p>{{/err_content_archived}}
<label class="checkbox" for="c-password_changed"><input id="c-password_changed" type="checkbox" name="password_changed" value="yes"{{#chose_password_changed_yes}} checked{{/chose_password_changed_yes}}> The password has been changed</label>
<label class="checkbox" for="c-recovery_changed"><input id="c-recovery_changed" type="checkbox" name="recovery_changed" value="yes"{{#chose_recovery_changed_yes}} checked{{/chose_recovery_changed_yes}}> The recovery e-mail and telephone have been changed</label>
<label class="checkbox" for="c-two_factor_moved"><input id="c-two_factor_moved" type="checkbox" name="two_factor_moved" value="yes"{{#chose_two_factor_moved_yes}} checked{{/chose_two_factor_moved_yes}}> Two-factor sign-in has been moved</label>
<label class="checkbox" for="c-content_archived"><input id="c-content_archived" type="checkbox" name="content_archived" value="yes"{{#chose_content_archived_yes}} checked{{/chose_content_archived_yes}}> The content has been archived</label>
</fieldset>
<div class="actions"><button class="btn danger" type="submit">Close the account</button></div>
</form>
</section>{{/can_manage}}
<p><a href="/accounts">Back to the register</a></p>
