{{%AUTOESCAPE context="HTML"}}{{#account}}<h1>{{name}}</h1>
<p><span class="badge status-{{status}}">{{status:x-account-status}}</span>{{#lead_left}} <span class="badge status-urgent">Lead has left</span>{{/lead_left}}{{#monitoring_overdue}} <span class="badge status-overdue">Monitoring overdue</span>{{/monitoring_overdue}}{{#replies_overdue}} <span class="badge status-overdue">Replies overdue</span>{{/replies_overdue}}{{#gate_failing}} <span class="badge status-urgent">Someone no longer passes the checks</span>{{/gate_failing}}{{#password_change}} <span class="badge status-urgent">Change the password</span>{{/password_change}}{{#review_due}} <span class="badge status-overdue">Yearly review due</span>{{/review_due}}{{#dormant}} <span class="badge status-overdue">Dormant</span>{{/dormant}}</p>
{{#dormant}}<p class="notice">Dormant: nothing has been logged against this account since <time datetime="{{last_activity}}">{{last_activity:x-uk-time}}</time> (more than {{dormant_days_words}}). Review it, or close it.</p>{{/dormant}}
{{#lead_left}}<p class="notice">{{lead_name}} has left the school. Transfer the account to a new lead or close it.</p>{{/lead_left}}
<dl class="facts card">
<dt>Platform</dt><dd>{{platform_label}}</dd>
<dt>Web address</dt><dd>{{#url}}<a href="{{url}}" rel="noopener noreferrer">{{url}}</a>{{/url}}{{#not_url}}Not recorded yet{{/not_url}}</dd>
<dt>Department</dt><dd>{{department}}</dd>
<dt>Lead</dt><dd>{{lead_name}} ({{lead}})</dd>
<dt>Open or closed</dt><dd>{{visibility:x-visibility}}</dd>
<dt>On the register since</dt><dd><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></dd>
<dt>Yearly review</dt><dd>{{#last_review}}Last reviewed <time datetime="{{last_review}}">{{last_review:x-uk-time}}</time>; {{/last_review}}next due <time datetime="{{review_due_on}}">{{#not_closed_at}}{{review_due_on:x-uk-due}}{{/not_closed_at}}{{#closed_at}}{{review_due_on:x-uk-time}}{{/closed_at}}</time></dd>
<dt>Last monitoring check</dt><dd>{{#last_check}}<time datetime="{{last_check}}">{{last_check:x-uk-time}}</time>{{/last_check}}{{#not_last_check}}None yet{{/not_last_check}}</dd>
{{#closed_at}}<dt>Closed</dt><dd><time datetime="{{closed_at}}">{{closed_at:x-uk-time}}</time>: <span class="multiline">{{close_reason:pre_escape}}</span></dd>{{/closed_at}}
</dl>{{/account}}
{{#gate_flags}}<p class="notice" role="status">{{words}} (found <time datetime="{{found_at}}">{{found_at:x-uk-time}}</time>)</p>
{{/gate_flags}}{{#password_changes}}<p class="notice" role="status">{{words}}<time datetime="{{revealed_at}}">{{revealed_at:x-uk-time}}</time>.</p>
{{/password_changes}}{{#has_password_changes}}{{#can_record_change}}<form class="stack card" method="post" action="/accounts/{{account_id}}/credentials/changed">
<input type="hidden" name="csrf" value="{{csrf}}">
<p>Once the password has been changed on the platform, record it here (or store the new credentials below).</p>
<div class="actions"><button class="btn secondary" type="submit">The password has been changed</button></div>
</form>{{/can_record_change}}{{/has_password_changes}}
<section aria-labelledby="h-team">
<h2 id="h-team">Who runs the account</h2>
<p class="muted">The lead and every contributor, staff or not, must have signed the current agreement and have current social-media training. They are checked when added and every night.</p>
{{#not_contributors}}<p>Only the lead runs this account.</p>{{/not_contributors}}
{{#has_contributors}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>Contributors besides the lead</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Who they are</th><th scope="col">Paper signature</th><th scope="col">Social-media training</th><th scope="col">Passes the checks</th>{{#can_team}}<th scope="col">Remove</th>{{/can_team}}</tr></thead>
<tbody>{{/has_contributors}}
{{#contributors}}<tr><th scope="row">{{name}}{{#staff}} ({{email}}){{/staff}}</th><td>{{#staff}}Member of staff{{/staff}}{{#not_staff}}{{relation}}{{/not_staff}}</td><td>{{#staff}}Signs in staffroom{{/staff}}{{#not_staff}}{{#paper}}Signed {{paper_title}} (version {{paper_version}}) on paper{{#paper_again}} again{{/paper_again}} on <time datetime="{{paper_paper_date}}">{{paper_paper_date:x-uk-time}}</time>; recorded by {{paper_recorded_by}} <time datetime="{{paper_recorded_at}}">{{paper_recorded_at:x-uk-time}}</time>{{#paper_renewal_due}}; <strong>due to sign it again</strong> for the year from <time datetime="{{paper_renew_date}}">{{paper_renew_date:x-uk-time}}</time>{{/paper_renewal_due}}{{/paper}}{{#not_paper}}Not recorded{{/not_paper}}{{/not_staff}}{{#paper_has_scan}}{{#can_remove}} (<a href="/accounts/{{account_id}}/contributors/{{id}}/scan">the scan of the {{#paper_again}}first {{/paper_again}}paper</a>){{/can_remove}}{{/paper_has_scan}}</td><td>{{#staff}}In the training records{{/staff}}{{#not_staff}}{{#training}}Done on <time datetime="{{training_completed_on}}">{{training_completed_on:x-uk-time}}</time>; {{#training_expires_on}}lapses on <time datetime="{{training_expires_on}}">{{training_expires_on:x-uk-time}}</time>{{/training_expires_on}}{{#not_training_expires_on}}does not lapse{{/not_training_expires_on}}; recorded by {{training_recorded_by}} <time datetime="{{training_recorded_at}}">{{training_recorded_at:x-uk-time}}</time>{{/training}}{{#not_training}}Not recorded{{/not_training}}{{/not_staff}}</td><td>{{#passes}}Yes{{/passes}}{{#not_passes}}<strong>No</strong>{{#failing}}<br>{{question}}: {{detail}}{{/failing}}{{/not_passes}}</td>{{#can_remove}}<td><form method="post" action="/accounts/{{account_id}}/contributors/{{id}}/remove"><input type="hidden" name="csrf" value="{{csrf}}"><button class="btn secondary" type="submit">Remove {{name}}</button></form></td>{{/can_remove}}</tr>
{{/contributors}}
{{#has_contributors}}</tbody></table></div>{{/has_contributors}}
{{#contributors}}{{#may_record_paper}}<form class="stack card" method="post" action="/accounts/{{account_id}}/contributors/{{id}}/paper">
<h3>New paper signature of {{name}}</h3>
<p class="hint" id="h-paper-{{id}}">{{#paper_renewal_due}}The agreement is signed again every year: enter the paper {{name}} signed on or after <time datetime="{{paper_renew_date}}">{{paper_renew_date:x-uk-time}}</time>.{{/paper_renewal_due}}{{#not_paper_renewal_due}}The paper on record no longer counts: enter the one {{name}} has signed since.{{/not_paper_renewal_due}} The paper on record is kept.</p>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#paper_sent}}{{#err_version_id}} has-error{{/err_version_id}}{{/paper_sent}}"><label for="f-version_id{{#not_paper_sent}}-{{id}}{{/not_paper_sent}}">The version they signed</label>
{{#paper_sent}}{{#err_version_id}}<p class="field-error" id="e-version_id">{{err_version_id}}</p>{{/err_version_id}}{{/paper_sent}}
<select id="f-version_id{{#not_paper_sent}}-{{id}}{{/not_paper_sent}}" name="version_id" required{{#paper_sent}}{{#err_version_id}} aria-describedby="e-version_id" aria-invalid="true"{{/err_version_id}}{{/paper_sent}}>{{#paper_versions}}<option value="{{version_id}}"{{#chosen}} selected{{/chosen}}>{{label}}</option>{{/paper_versions}}</select></div>
<div class="field{{#paper_sent}}{{#err_signed_on}} has-error{{/err_signed_on}}{{/paper_sent}}"><label for="f-signed_on{{#not_paper_sent}}-{{id}}{{/not_paper_sent}}">The date on the paper</label>
{{#paper_sent}}{{#err_signed_on}}<p class="field-error" id="e-signed_on">{{err_signed_on}}</p>{{/err_signed_on}}{{/paper_sent}}
<input id="f-signed_on{{#not_paper_sent}}-{{id}}{{/not_paper_sent}}" name="signed_on" type="date" required value="{{#paper_sent}}{{form_signed_on}}{{/paper_sent}}" aria-describedby="h-paper-{{id}}{{#paper_sent}}{{#err_signed_on}} e-signed_on{{/err_signed_on}}{{/paper_sent}}"{{#paper_sent}}{{#err_signed_on}} aria-invalid="true"{{/err_signed_on}}{{/paper_sent}}></div>
<div class="actions"><button class="btn secondary" type="submit">Record the new paper signature of {{name}}</button></div>
</form>{{/may_record_paper}}{{/contributors}}
{{#contributors}}{{#not_staff}}{{#can_remove}}<form class="stack card" method="post" action="/accounts/{{account_id}}/contributors/{{id}}/training">
<h3>Social-media training of {{name}}</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#training_sent}}{{#err_completed_on}} has-error{{/err_completed_on}}{{/training_sent}}"><label for="f-completed_on{{#not_training_sent}}-{{id}}{{/not_training_sent}}">Date of the training</label>
{{#training_sent}}{{#err_completed_on}}<p class="field-error" id="e-completed_on">{{err_completed_on}}</p>{{/err_completed_on}}{{/training_sent}}
<input id="f-completed_on{{#not_training_sent}}-{{id}}{{/not_training_sent}}" name="completed_on" type="date" required value="{{#training_sent}}{{form_completed_on}}{{/training_sent}}"{{#training_sent}}{{#err_completed_on}} aria-describedby="e-completed_on" aria-invalid="true"{{/err_completed_on}}{{/training_sent}}></div>
<div class="field{{#training_sent}}{{#err_expires_on}} has-error{{/err_expires_on}}{{/training_sent}}"><label for="f-expires_on{{#not_training_sent}}-{{id}}{{/not_training_sent}}">When it lapses, if it does</label>
{{#training_sent}}{{#err_expires_on}}<p class="field-error" id="e-expires_on">{{err_expires_on}}</p>{{/err_expires_on}}{{/training_sent}}
<input id="f-expires_on{{#not_training_sent}}-{{id}}{{/not_training_sent}}" name="expires_on" type="date" value="{{#training_sent}}{{form_expires_on}}{{/training_sent}}"{{#training_sent}}{{#err_expires_on}} aria-describedby="e-expires_on" aria-invalid="true"{{/err_expires_on}}{{/training_sent}}></div>
<div class="actions"><button class="btn secondary" type="submit">Record the training of {{name}}</button></div>
</form>{{/can_remove}}{{/not_staff}}{{/contributors}}
{{#can_team}}<form class="stack card" method="post" action="/accounts/{{account_id}}/contributors">
<h3>Add a member of staff</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_email}} has-error{{/err_email}}"><label for="f-email">E-mail address of a member of staff</label>
{{#err_email}}<p class="field-error" id="e-email">{{err_email}}</p>{{/err_email}}
<input id="f-email" name="email" type="email" maxlength="254" required value="{{form_email}}"{{#err_email}} aria-describedby="e-email" aria-invalid="true"{{/err_email}}></div>
<div class="actions"><button class="btn secondary" type="submit">Add</button></div>
</form>
<form class="stack card" method="post" action="/accounts/{{account_id}}/contributors" enctype="multipart/form-data">
<h3>Add someone who is not staff</h3>
<p class="hint" id="h-paper">A parent running the PTA page or a volunteer signs the agreement on paper; enter it here on their behalf.</p>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_contributor_name}} has-error{{/err_contributor_name}}"><label for="f-contributor_name">Name of someone who is not staff</label>
{{#err_contributor_name}}<p class="field-error" id="e-contributor_name">{{err_contributor_name}}</p>{{/err_contributor_name}}
<input id="f-contributor_name" name="contributor_name" type="text" maxlength="120" required value="{{form_contributor_name}}" aria-describedby="h-paper{{#err_contributor_name}} e-contributor_name{{/err_contributor_name}}"{{#err_contributor_name}} aria-invalid="true"{{/err_contributor_name}}></div>
<div class="field{{#err_relation}} has-error{{/err_relation}}"><label for="f-relation">Who they are to the school, for example "Parent (PTA)" or "Volunteer"</label>
{{#err_relation}}<p class="field-error" id="e-relation">{{err_relation}}</p>{{/err_relation}}
<input id="f-relation" name="relation" type="text" maxlength="60" required value="{{form_relation}}"{{#err_relation}} aria-describedby="e-relation" aria-invalid="true"{{/err_relation}}></div>
<div class="field{{#err_paper_version_id}} has-error{{/err_paper_version_id}}"><label for="f-paper_version_id">The policy version they signed on paper</label>
{{#err_paper_version_id}}<p class="field-error" id="e-paper_version_id">{{err_paper_version_id}}</p>{{/err_paper_version_id}}
<select id="f-paper_version_id" name="paper_version_id" required{{#err_paper_version_id}} aria-describedby="e-paper_version_id" aria-invalid="true"{{/err_paper_version_id}}>{{#paper_versions}}<option value="{{version_id}}"{{#chosen}} selected{{/chosen}}>{{label}}</option>{{/paper_versions}}</select></div>
<div class="field{{#err_paper_date}} has-error{{/err_paper_date}}"><label for="f-paper_date">The date on the signed paper</label>
{{#err_paper_date}}<p class="field-error" id="e-paper_date">{{err_paper_date}}</p>{{/err_paper_date}}
<input id="f-paper_date" name="paper_date" type="date" required value="{{form_paper_date}}"{{#err_paper_date}} aria-describedby="e-paper_date" aria-invalid="true"{{/err_paper_date}}></div>
<div class="field{{#err_training_on}} has-error{{/err_training_on}}"><label for="f-training_on">The date of their social-media training</label>
{{#err_training_on}}<p class="field-error" id="e-training_on">{{err_training_on}}</p>{{/err_training_on}}
<input id="f-training_on" name="training_on" type="date" value="{{form_training_on}}"{{#err_training_on}} aria-describedby="e-training_on" aria-invalid="true"{{/err_training_on}}></div>
<div class="field{{#err_training_expires}} has-error{{/err_training_expires}}"><label for="f-training_expires">When that training expires, if it does</label>
{{#err_training_expires}}<p class="field-error" id="e-training_expires">{{err_training_expires}}</p>{{/err_training_expires}}
<input id="f-training_expires" name="training_expires" type="date" value="{{form_training_expires}}"{{#err_training_expires}} aria-describedby="e-training_expires" aria-invalid="true"{{/err_training_expires}}></div>
<div class="field{{#err_scan}} has-error{{/err_scan}}"><label for="f-scan">A scan of the signed paper (optional: PDF, JPEG or PNG)</label>
{{#err_scan}}<p class="field-error" id="e-scan">{{err_scan}}</p>{{/err_scan}}
<input id="f-scan" name="scan" type="file" accept="application/pdf,image/jpeg,image/png"{{#err_scan}} aria-describedby="e-scan" aria-invalid="true"{{/err_scan}}></div>
<div class="actions"><button class="btn secondary" type="submit">Add with their paper signature</button></div>
</form>{{/can_team}}
</section>
{{#has_former_contributors}}<section aria-labelledby="h-former">
<h2 id="h-former">Former contributors</h2>
<p>People who are not staff and no longer run the account (they were removed, or the account was closed). Their paper signature, its scan and their training are kept, as a member of staff's are after they leave, until the date shown: on that day the retention review lists each for deletion (a legal hold keeps it longer).</p>
<div class="table-scroll" tabindex="0"><table class="data">
<caption>Former contributors who are not staff, what is kept of them and until when</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Who they are</th><th scope="col">Stopped running it</th><th scope="col">What is kept, and until when</th></tr></thead>
<tbody>
{{#former_contributors}}<tr><th scope="row">{{name}}</th><td>{{relation}}</td><td><time datetime="{{stopped_on}}">{{stopped_on:x-uk-time}}</time>{{#account_closed}} (the account was closed){{/account_closed}}</td><td><ul>{{#paper}}<li>Paper signature{{#paper_paper_date}} dated <time datetime="{{paper_paper_date}}">{{paper_paper_date:x-uk-time}}</time>{{/paper_paper_date}}{{#paper_has_scan}}, with its scan{{#scan_link}} (<a href="/accounts/{{account_id}}/contributors/{{id}}/scan">the scan of the paper of {{name}}</a>){{/scan_link}}{{/paper_has_scan}}: kept until <time datetime="{{paper_kept_until}}">{{paper_kept_until:x-uk-time}}</time>{{#paper_listed}}; listed for the retention review now{{/paper_listed}}{{#paper_held}}; a legal hold keeps it longer{{/paper_held}}</li>{{/paper}}{{#training}}<li>Social-media training done on <time datetime="{{training_completed_on}}">{{training_completed_on:x-uk-time}}</time>: kept until <time datetime="{{training_kept_until}}">{{training_kept_until:x-uk-time}}</time>{{#training_listed}}; listed for the retention review now{{/training_listed}}{{#training_held}}; a legal hold keeps it longer{{/training_held}}</li>{{/training}}</ul></td></tr>
{{/former_contributors}}
</tbody></table></div>
</section>{{/has_former_contributors}}
{{#can_review}}<section aria-labelledby="h-review">
<h2 id="h-review">Yearly review</h2>
<form class="stack card" method="post" action="/accounts/{{account_id}}/review">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-lead_ok" class="field{{#err_lead_ok}} has-error{{/err_lead_ok}}"{{#err_lead_ok}} aria-describedby="e-lead_ok"{{/err_lead_ok}}><legend>The lead is right for the account</legend>
{{#err_lead_ok}}<p class="field-error" id="e-lead_ok">{{err_lead_ok}}</p>{{/err_lead_ok}}
<label class="checkbox" for="f-r-lead_ok-yes"><input id="f-r-lead_ok-yes" type="radio" name="lead_ok" value="yes"{{#chose_lead_ok_yes}} checked{{/chose_lead_ok_yes}} required> Yes</label>
<label class="checkbox" for="f-r-lead_ok-no"><input id="f-r-lead_ok-no" type="radio" name="lead_ok" value="no"{{#chose_lead_ok_no}} checked{{/chose_lead_ok_no}}> No</label>
</fieldset>
<fieldset id="f-contributors_ok" class="field{{#err_contributors_ok}} has-error{{/err_contributors_ok}}"{{#err_contributors_ok}} aria-describedby="e-contributors_ok"{{/err_contributors_ok}}><legend>The contributors are right</legend>
{{#err_contributors_ok}}<p class="field-error" id="e-contributors_ok">{{err_contributors_ok}}</p>{{/err_contributors_ok}}
<label class="checkbox" for="f-r-contributors_ok-yes"><input id="f-r-contributors_ok-yes" type="radio" name="contributors_ok" value="yes"{{#chose_contributors_ok_yes}} checked{{/chose_contributors_ok_yes}} required> Yes</label>
<label class="checkbox" for="f-r-contributors_ok-no"><input id="f-r-contributors_ok-no" type="radio" name="contributors_ok" value="no"{{#chose_contributors_ok_no}} checked{{/chose_contributors_ok_no}}> No</label>
</fieldset>
<fieldset id="f-purpose_ok" class="field{{#err_purpose_ok}} has-error{{/err_purpose_ok}}"{{#err_purpose_ok}} aria-describedby="e-purpose_ok"{{/err_purpose_ok}}><legend>The account still serves its purpose</legend>
{{#err_purpose_ok}}<p class="field-error" id="e-purpose_ok">{{err_purpose_ok}}</p>{{/err_purpose_ok}}
<label class="checkbox" for="f-r-purpose_ok-yes"><input id="f-r-purpose_ok-yes" type="radio" name="purpose_ok" value="yes"{{#chose_purpose_ok_yes}} checked{{/chose_purpose_ok_yes}} required> Yes</label>
<label class="checkbox" for="f-r-purpose_ok-no"><input id="f-r-purpose_ok-no" type="radio" name="purpose_ok" value="no"{{#chose_purpose_ok_no}} checked{{/chose_purpose_ok_no}}> No</label>
</fieldset>
<fieldset id="f-monitoring_ok" class="field{{#err_monitoring_ok}} has-error{{/err_monitoring_ok}}"{{#err_monitoring_ok}} aria-describedby="e-monitoring_ok"{{/err_monitoring_ok}}><legend>It is monitored as the policy asks</legend>
{{#err_monitoring_ok}}<p class="field-error" id="e-monitoring_ok">{{err_monitoring_ok}}</p>{{/err_monitoring_ok}}
<label class="checkbox" for="f-r-monitoring_ok-yes"><input id="f-r-monitoring_ok-yes" type="radio" name="monitoring_ok" value="yes"{{#chose_monitoring_ok_yes}} checked{{/chose_monitoring_ok_yes}} required> Yes</label>
<label class="checkbox" for="f-r-monitoring_ok-no"><input id="f-r-monitoring_ok-no" type="radio" name="monitoring_ok" value="no"{{#chose_monitoring_ok_no}} checked{{/chose_monitoring_ok_no}}> No</label>
</fieldset>
<div class="field{{#sent_review}}{{#err_notes}} has-error{{/err_notes}}{{/sent_review}}"><label for="f-{{#not_sent_review}}r-{{/not_sent_review}}notes">Notes (needed to close the account)</label>
{{#sent_review}}{{#err_notes}}<p class="field-error" id="e-notes">{{err_notes}}</p>{{/err_notes}}{{/sent_review}}
<textarea id="f-{{#not_sent_review}}r-{{/not_sent_review}}notes" name="notes" rows="2" maxlength="2000"{{#sent_review}}{{#err_notes}} aria-describedby="e-notes" aria-invalid="true"{{/err_notes}}{{/sent_review}}>&#10;{{#sent_review}}{{form_notes:pre_escape}}{{/sent_review}}</textarea></div>
<fieldset id="f-{{#not_sent_review}}r-{{/not_sent_review}}outcome" class="field{{#sent_review}}{{#err_outcome}} has-error{{/err_outcome}}{{/sent_review}}"{{#sent_review}}{{#err_outcome}} aria-describedby="e-outcome"{{/err_outcome}}{{/sent_review}}><legend>Outcome</legend>
{{#sent_review}}{{#err_outcome}}<p class="field-error" id="e-outcome">{{err_outcome}}</p>{{/err_outcome}}{{/sent_review}}
<label class="checkbox" for="f-r-continue"><input id="f-r-continue" type="radio" name="outcome" value="continue"{{#sent_review}}{{#chose_outcome_continue}} checked{{/chose_outcome_continue}}{{/sent_review}} required> The account continues</label>
<label class="checkbox" for="f-r-close"><input id="f-r-close" type="radio" name="outcome" value="close"{{#sent_review}}{{#chose_outcome_close}} checked{{/chose_outcome_close}}{{/sent_review}}> Close the account</label>
</fieldset>
<fieldset class="field{{#sent_review}}{{#err_password_changed}} has-error{{/err_password_changed}}{{#err_recovery_changed}} has-error{{/err_recovery_changed}}{{#err_two_factor_moved}} has-error{{/err_two_factor_moved}}{{#err_content_archived}} has-error{{/err_content_archived}}{{/sent_review}}"><legend>To close it: the handover checklist, confirm each step</legend>
{{#sent_review}}{{#err_password_changed}}<p class="field-error" id="e-password_changed">{{err_password_changed}}</p>{{/err_password_changed}}{{/sent_review}}
{{#sent_review}}{{#err_recovery_changed}}<p class="field-error" id="e-recovery_changed">{{err_recovery_changed}}</p>{{/err_recovery_changed}}{{/sent_review}}
{{#sent_review}}{{#err_two_factor_moved}}<p class="field-error" id="e-two_factor_moved">{{err_two_factor_moved}}</p>{{/err_two_factor_moved}}{{/sent_review}}
{{#sent_review}}{{#err_content_archived}}<p class="field-error" id="e-content_archived">{{err_content_archived}}</p>{{/err_content_archived}}{{/sent_review}}
<label class="checkbox" for="{{#sent_review}}f-{{/sent_review}}{{#not_sent_review}}r-{{/not_sent_review}}password_changed"><input id="{{#sent_review}}f-{{/sent_review}}{{#not_sent_review}}r-{{/not_sent_review}}password_changed" type="checkbox" name="password_changed" value="yes"{{#sent_review}}{{#err_password_changed}} aria-describedby="e-password_changed" aria-invalid="true"{{/err_password_changed}}{{/sent_review}}{{#sent_review}}{{#chose_password_changed_yes}} checked{{/chose_password_changed_yes}}{{/sent_review}}> The password has been changed</label>
<label class="checkbox" for="{{#sent_review}}f-{{/sent_review}}{{#not_sent_review}}r-{{/not_sent_review}}recovery_changed"><input id="{{#sent_review}}f-{{/sent_review}}{{#not_sent_review}}r-{{/not_sent_review}}recovery_changed" type="checkbox" name="recovery_changed" value="yes"{{#sent_review}}{{#err_recovery_changed}} aria-describedby="e-recovery_changed" aria-invalid="true"{{/err_recovery_changed}}{{/sent_review}}{{#sent_review}}{{#chose_recovery_changed_yes}} checked{{/chose_recovery_changed_yes}}{{/sent_review}}> The recovery e-mail and telephone have been changed</label>
<label class="checkbox" for="{{#sent_review}}f-{{/sent_review}}{{#not_sent_review}}r-{{/not_sent_review}}two_factor_moved"><input id="{{#sent_review}}f-{{/sent_review}}{{#not_sent_review}}r-{{/not_sent_review}}two_factor_moved" type="checkbox" name="two_factor_moved" value="yes"{{#sent_review}}{{#err_two_factor_moved}} aria-describedby="e-two_factor_moved" aria-invalid="true"{{/err_two_factor_moved}}{{/sent_review}}{{#sent_review}}{{#chose_two_factor_moved_yes}} checked{{/chose_two_factor_moved_yes}}{{/sent_review}}> Two-factor sign-in has been moved</label>
<label class="checkbox" for="{{#sent_review}}f-{{/sent_review}}{{#not_sent_review}}r-{{/not_sent_review}}content_archived"><input id="{{#sent_review}}f-{{/sent_review}}{{#not_sent_review}}r-{{/not_sent_review}}content_archived" type="checkbox" name="content_archived" value="yes"{{#sent_review}}{{#err_content_archived}} aria-describedby="e-content_archived" aria-invalid="true"{{/err_content_archived}}{{/sent_review}}{{#sent_review}}{{#chose_content_archived_yes}} checked{{/chose_content_archived_yes}}{{/sent_review}}> The content has been archived</label>
</fieldset>
<div class="actions"><button class="btn" type="submit">Record the review</button></div>
</form>
{{#has_reviews}}<ul>{{#reviews}}<li><time datetime="{{reviewed_at}}">{{reviewed_at:x-uk-time}}</time>, {{by_name}}: {{outcome_label}}{{#notes}}: <span class="multiline">{{notes:pre_escape}}</span>{{/notes}}</li>{{/reviews}}</ul>{{/has_reviews}}
</section>{{/can_review}}
{{#application_id}}<p><a href="/accounts/applications/{{application_id}}">The application and its approval history</a></p>{{/application_id}}
<section aria-labelledby="h-checks">
<h2 id="h-checks">Monitoring checks</h2>
<p class="muted">Comments, queries and complaints must be answered within 24 hours, or by the end of the next working day when that falls on a weekend or closure day.</p>
{{#not_checks_log}}<p class="notice">No monitoring check has been logged yet.</p>{{/not_checks_log}}
{{#has_checks_log}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>The latest monitoring checks, newest first</caption>
<thead><tr><th scope="col">Checked</th><th scope="col">By</th><th scope="col">Comments found</th><th scope="col">All answered</th><th scope="col">Notes</th><th scope="col">Concern</th></tr></thead>
<tbody>{{/has_checks_log}}
{{#checks_log}}<tr><th scope="row"><time datetime="{{checked_at}}">{{checked_at:x-uk-time}}</time></th><td>{{by_name}}</td><td>{{#comments_found}}Yes{{/comments_found}}{{#not_comments_found}}No{{/not_comments_found}}</td><td>{{#all_answered}}Yes{{/all_answered}}{{#not_all_answered}}No{{/not_all_answered}}</td><td><span class="multiline">{{notes:pre_escape}}</span></td><td>{{#concern_id}}<a href="/concerns/{{concern_id}}">{{concern_reference}}</a>{{/concern_id}}{{#not_concern_id}}{{#raised_concern}}Raised{{/raised_concern}}{{#not_raised_concern}}None{{/not_raised_concern}}{{/not_concern_id}}</td></tr>
{{/checks_log}}
{{#has_checks_log}}</tbody></table></div>{{/has_checks_log}}
{{#can_log_check}}<form class="stack card" method="post" action="/accounts/{{account_id}}/checks">
<h3>Log a check</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_checked_at}} has-error{{/err_checked_at}}"><label for="f-checked_at">When you checked (UK time)</label>
{{#err_checked_at}}<p class="field-error" id="e-checked_at">{{err_checked_at}}</p>{{/err_checked_at}}
<input id="f-checked_at" name="checked_at" type="datetime-local" required value="{{v_checked_at}}"{{#err_checked_at}} aria-describedby="e-checked_at" aria-invalid="true"{{/err_checked_at}}></div>
<fieldset id="f-comments_found" class="field{{#err_comments_found}} has-error{{/err_comments_found}}"{{#err_comments_found}} aria-describedby="e-comments_found"{{/err_comments_found}}><legend>Were there new comments, queries or complaints?</legend>
{{#err_comments_found}}<p class="field-error" id="e-comments_found">{{err_comments_found}}</p>{{/err_comments_found}}
<label class="checkbox" for="f-comments_found-yes"><input id="f-comments_found-yes" type="radio" name="comments_found" value="yes"{{#chose_comments_found_yes}} checked{{/chose_comments_found_yes}} required> Yes</label>
<label class="checkbox" for="f-comments_found-no"><input id="f-comments_found-no" type="radio" name="comments_found" value="no"{{#chose_comments_found_no}} checked{{/chose_comments_found_no}}> No</label>
</fieldset>
<fieldset id="f-all_answered" class="field{{#err_all_answered}} has-error{{/err_all_answered}}"{{#err_all_answered}} aria-describedby="e-all_answered"{{/err_all_answered}}><legend>Have they all been answered?</legend>
{{#err_all_answered}}<p class="field-error" id="e-all_answered">{{err_all_answered}}</p>{{/err_all_answered}}
<label class="checkbox" for="f-all_answered-yes"><input id="f-all_answered-yes" type="radio" name="all_answered" value="yes"{{#chose_all_answered_yes}} checked{{/chose_all_answered_yes}} required> Yes (or there were none)</label>
<label class="checkbox" for="f-all_answered-no"><input id="f-all_answered-no" type="radio" name="all_answered" value="no"{{#chose_all_answered_no}} checked{{/chose_all_answered_no}}> No</label>
</fieldset>
<div class="field"><label for="f-{{#sent_review}}check-{{/sent_review}}notes">Notes</label>
<textarea id="f-{{#sent_review}}check-{{/sent_review}}notes" name="notes" rows="3" maxlength="4000">&#10;{{v_notes:pre_escape}}</textarea></div>
<label class="checkbox" for="f-{{#sent_moderation}}check-{{/sent_moderation}}open_concern"><input id="f-{{#sent_moderation}}check-{{/sent_moderation}}open_concern" type="checkbox" name="open_concern" value="yes"{{#not_sent_moderation}}{{#chose_open_concern_yes}} checked{{/chose_open_concern_yes}}{{/not_sent_moderation}}> Report an offensive or worrying comment to the moderator as a concern</label>
<div class="field{{#sent_check}}{{#err_summary}} has-error{{/err_summary}}{{/sent_check}}"><label for="f-{{#not_sent_check}}check-{{/not_sent_check}}summary">What was found, in one line (needed to report a concern)</label>
{{#sent_check}}{{#err_summary}}<p class="field-error" id="e-summary">{{err_summary}}</p>{{/err_summary}}{{/sent_check}}
<input id="f-{{#not_sent_check}}check-{{/not_sent_check}}summary" name="summary" type="text" maxlength="200" value="{{v_summary}}"{{#sent_check}}{{#err_summary}} aria-describedby="e-summary" aria-invalid="true"{{/err_summary}}{{/sent_check}}></div>
<div class="actions"><button class="btn" type="submit">Log the check</button></div>
</form>{{/can_log_check}}
</section>
<section aria-labelledby="h-items">
<h2 id="h-items">Comments, queries and complaints</h2>
<p class="muted">Each is answered within 24 hours, even if only to acknowledge it; one that arrives on a Saturday or Sunday by the end of the next working day.</p>
{{#not_items_open}}<p class="notice">Nothing is waiting for an answer.</p>{{/not_items_open}}
{{#items_open}}<article class="card" id="item-{{id}}">
<h3>{{kind_label}}, arrived <time datetime="{{received_at}}">{{received_at:x-uk-time}}</time></h3>
<p>{{#overdue}}<span class="badge status-overdue">Not answered in time</span> {{/overdue}}Answer by <time datetime="{{due_at}}">{{due_at:x-uk-due}}</time></p>
<p><span class="multiline">{{summary:pre_escape}}</span></p>
<p class="muted">Logged by {{logged_by_name}}{{#link}} · <a href="{{link}}" rel="noopener noreferrer">See it on the platform</a>{{/link}}</p>
{{#may_answer}}<form class="stack" method="post" action="/accounts/{{account_id}}/items/{{id}}/answer">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#answer_sent}}{{#err_answered_at}} has-error{{/err_answered_at}}{{/answer_sent}}"><label for="f-answered_at{{#not_answer_sent}}-{{id}}{{/not_answer_sent}}">When it was answered (UK time)</label>
{{#answer_sent}}{{#err_answered_at}}<p class="field-error" id="e-answered_at">{{err_answered_at}}</p>{{/err_answered_at}}{{/answer_sent}}
<input id="f-answered_at{{#not_answer_sent}}-{{id}}{{/not_answer_sent}}" name="answered_at" type="datetime-local" required value="{{#answer_sent}}{{form_answered_at}}{{/answer_sent}}{{#not_answer_sent}}{{received_field}}{{/not_answer_sent}}"{{#answer_sent}}{{#err_answered_at}} aria-describedby="e-answered_at" aria-invalid="true"{{/err_answered_at}}{{/answer_sent}}></div>
<fieldset id="f-how{{#not_answer_sent}}-{{id}}{{/not_answer_sent}}" class="field{{#answer_sent}}{{#err_how}} has-error{{/err_how}}{{/answer_sent}}"{{#answer_sent}}{{#err_how}} aria-describedby="e-how"{{/err_how}}{{/answer_sent}}><legend>Replied or acknowledged</legend>
{{#answer_sent}}{{#err_how}}<p class="field-error" id="e-how">{{err_how}}</p>{{/err_how}}{{/answer_sent}}
<label class="checkbox" for="f-how-reply-{{id}}"><input id="f-how-reply-{{id}}" type="radio" name="how" value="reply"{{#answer_sent}}{{#chose_how_reply}} checked{{/chose_how_reply}}{{/answer_sent}} required> Replied</label>
<label class="checkbox" for="f-how-ack-{{id}}"><input id="f-how-ack-{{id}}" type="radio" name="how" value="acknowledgement"{{#answer_sent}}{{#chose_how_acknowledgement}} checked{{/chose_how_acknowledgement}}{{/answer_sent}}> Acknowledged receipt; a full reply follows</label>
</fieldset>
<div class="field{{#answer_sent}}{{#err_notes}} has-error{{/err_notes}}{{/answer_sent}}"><label for="f-answer_notes-{{id}}">Notes on the answer</label>
{{#answer_sent}}{{#err_notes}}<p class="field-error" id="e-answer_notes">{{err_notes}}</p>{{/err_notes}}{{/answer_sent}}
<textarea id="f-answer_notes-{{id}}" name="notes" rows="2" maxlength="2000"{{#answer_sent}}{{#err_notes}} aria-describedby="e-answer_notes" aria-invalid="true"{{/err_notes}}{{/answer_sent}}>&#10;{{#answer_sent}}{{form_notes:pre_escape}}{{/answer_sent}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Log the answer</button></div>
</form>{{/may_answer}}
</article>
{{/items_open}}
{{#has_items_answered}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>Answered, latest first</caption>
<thead><tr><th scope="col">Arrived</th><th scope="col">What</th><th scope="col">Answered</th><th scope="col">By</th><th scope="col">Notes</th></tr></thead>
<tbody>{{/has_items_answered}}
{{#items_answered}}<tr><th scope="row"><time datetime="{{received_at}}">{{received_at:x-uk-time}}</time></th><td>{{kind_label}}: <span class="multiline">{{summary:pre_escape}}</span>{{#link}} <a href="{{link}}" rel="noopener noreferrer">See it on the platform</a>{{/link}}</td><td>{{how_label}} <time datetime="{{answered_at}}">{{answered_at:x-uk-time}}</time>{{#late}} <span class="badge status-overdue">Late</span>{{/late}}</td><td>{{answered_by_name}}</td><td><span class="multiline">{{notes:pre_escape}}</span></td></tr>
{{/items_answered}}
{{#has_items_answered}}</tbody></table></div>{{/has_items_answered}}
{{#can_log_items}}<form class="stack card" method="post" action="/accounts/{{account_id}}/items">
<h3>Log a comment, query or complaint</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_received_at}} has-error{{/err_received_at}}"><label for="f-received_at">When it arrived (UK time)</label>
{{#err_received_at}}<p class="field-error" id="e-received_at">{{err_received_at}}</p>{{/err_received_at}}
<input id="f-received_at" name="received_at" type="datetime-local" required value="{{received_field}}"{{#err_received_at}} aria-describedby="e-received_at" aria-invalid="true"{{/err_received_at}}></div>
<fieldset id="f-kind" class="field{{#err_kind}} has-error{{/err_kind}}"{{#err_kind}} aria-describedby="e-kind"{{/err_kind}}><legend>Comment, query or complaint</legend>
{{#err_kind}}<p class="field-error" id="e-kind">{{err_kind}}</p>{{/err_kind}}
<label class="checkbox" for="f-kind-comment"><input id="f-kind-comment" type="radio" name="kind" value="comment"{{#chose_kind_comment}} checked{{/chose_kind_comment}} required> Comment</label>
<label class="checkbox" for="f-kind-query"><input id="f-kind-query" type="radio" name="kind" value="query"{{#chose_kind_query}} checked{{/chose_kind_query}}> Query</label>
<label class="checkbox" for="f-kind-complaint"><input id="f-kind-complaint" type="radio" name="kind" value="complaint"{{#chose_kind_complaint}} checked{{/chose_kind_complaint}}> Complaint</label>
</fieldset>
<div class="field{{#sent_item}}{{#err_link}} has-error{{/err_link}}{{/sent_item}}"><label for="f-{{#not_sent_item}}item_{{/not_sent_item}}link">Link to it on the platform (optional)</label>
{{#sent_item}}{{#err_link}}<p class="field-error" id="e-link">{{err_link}}</p>{{/err_link}}{{/sent_item}}
<input id="f-{{#not_sent_item}}item_{{/not_sent_item}}link" name="link" type="url" maxlength="300" value="{{#sent_item}}{{form_link}}{{/sent_item}}"{{#sent_item}}{{#err_link}} aria-describedby="e-link" aria-invalid="true"{{/err_link}}{{/sent_item}}></div>
<div class="field{{#sent_item}}{{#err_summary}} has-error{{/err_summary}}{{/sent_item}}"><label for="f-{{#not_sent_item}}item_{{/not_sent_item}}summary">What it says, in short</label>
{{#sent_item}}{{#err_summary}}<p class="field-error" id="e-summary">{{err_summary}}</p>{{/err_summary}}{{/sent_item}}
<textarea id="f-{{#not_sent_item}}item_{{/not_sent_item}}summary" name="summary" rows="2" maxlength="500" required{{#sent_item}}{{#err_summary}} aria-describedby="e-summary" aria-invalid="true"{{/err_summary}}{{/sent_item}}>&#10;{{#sent_item}}{{form_summary:pre_escape}}{{/sent_item}}</textarea></div>
<div class="actions"><button class="btn" type="submit">Log it</button></div>
</form>{{/can_log_items}}
</section>
<section aria-labelledby="h-moderation">
<h2 id="h-moderation">Moderation actions</h2>
<p class="muted">The school bans and reports anyone who breaks a platform's terms of service. A comment that names or shows a pupil is always sent to the designated safeguarding lead as a concern.</p>
{{#not_moderation_log}}<p class="notice">No moderation action has been logged.</p>{{/not_moderation_log}}
{{#has_moderation_log}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>Moderation actions, latest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">What was done</th><th scope="col">The comment</th><th scope="col">By</th><th scope="col">Concern</th></tr></thead>
<tbody>{{/has_moderation_log}}
{{#moderation_log}}<tr><th scope="row"><time datetime="{{at}}">{{at:x-uk-time}}</time></th><td>{{action_label}}</td><td><span class="multiline">{{what:pre_escape}}</span>{{#names_pupil}} <span class="badge status-urgent">Names or shows a pupil</span>{{/names_pupil}}{{#link}} <a href="{{link}}" rel="noopener noreferrer">Link</a>{{/link}}</td><td>{{by_name}}</td><td>{{#concern_id}}<a href="/concerns/{{concern_id}}">{{concern_reference}}</a>{{/concern_id}}{{#not_concern_id}}{{#raised_concern}}Raised{{/raised_concern}}{{#not_raised_concern}}None{{/not_raised_concern}}{{/not_concern_id}}</td></tr>
{{/moderation_log}}
{{#has_moderation_log}}</tbody></table></div>{{/has_moderation_log}}
{{#can_log_items}}<form class="stack card" method="post" action="/accounts/{{account_id}}/moderation">
<h3>Log a moderation action</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-action" class="field{{#err_action}} has-error{{/err_action}}"{{#err_action}} aria-describedby="e-action"{{/err_action}}><legend>What you did</legend>
{{#err_action}}<p class="field-error" id="e-action">{{err_action}}</p>{{/err_action}}
<label class="checkbox" for="f-action-hid"><input id="f-action-hid" type="radio" name="action" value="hid"{{#chose_action_hid}} checked{{/chose_action_hid}} required> Hid the comment</label>
<label class="checkbox" for="f-action-deleted"><input id="f-action-deleted" type="radio" name="action" value="deleted"{{#chose_action_deleted}} checked{{/chose_action_deleted}}> Deleted the comment</label>
<label class="checkbox" for="f-action-blocked"><input id="f-action-blocked" type="radio" name="action" value="blocked"{{#chose_action_blocked}} checked{{/chose_action_blocked}}> Blocked its author</label>
<label class="checkbox" for="f-action-reported"><input id="f-action-reported" type="radio" name="action" value="reported"{{#chose_action_reported}} checked{{/chose_action_reported}}> Reported it to the platform</label>
</fieldset>
<div class="field{{#sent_moderation}}{{#err_what}} has-error{{/err_what}}{{/sent_moderation}}"><label for="f-{{#not_sent_moderation}}moderation_{{/not_sent_moderation}}what">What the comment was and why</label>
{{#sent_moderation}}{{#err_what}}<p class="field-error" id="e-what">{{err_what}}</p>{{/err_what}}{{/sent_moderation}}
<textarea id="f-{{#not_sent_moderation}}moderation_{{/not_sent_moderation}}what" name="what" rows="2" maxlength="1000" required{{#sent_moderation}}{{#err_what}} aria-describedby="e-what" aria-invalid="true"{{/err_what}}{{/sent_moderation}}>&#10;{{#sent_moderation}}{{form_what:pre_escape}}{{/sent_moderation}}</textarea></div>
<div class="field{{#sent_moderation}}{{#err_link}} has-error{{/err_link}}{{/sent_moderation}}"><label for="f-{{#not_sent_moderation}}moderation_{{/not_sent_moderation}}link">Link to the comment (optional)</label>
{{#sent_moderation}}{{#err_link}}<p class="field-error" id="e-link">{{err_link}}</p>{{/err_link}}{{/sent_moderation}}
<input id="f-{{#not_sent_moderation}}moderation_{{/not_sent_moderation}}link" name="link" type="url" maxlength="300" value="{{#sent_moderation}}{{form_link}}{{/sent_moderation}}"{{#sent_moderation}}{{#err_link}} aria-describedby="e-link" aria-invalid="true"{{/err_link}}{{/sent_moderation}}></div>
<label class="checkbox" for="f-names_pupil"><input id="f-names_pupil" type="checkbox" name="names_pupil" value="yes"{{#chose_names_pupil_yes}} checked{{/chose_names_pupil_yes}}> The comment names or shows a pupil (it goes to the designated safeguarding lead)</label>
<label class="checkbox" for="f-{{#not_sent_moderation}}moderation_{{/not_sent_moderation}}open_concern"><input id="f-{{#not_sent_moderation}}moderation_{{/not_sent_moderation}}open_concern" type="checkbox" name="open_concern" value="yes"{{#sent_moderation}}{{#chose_open_concern_yes}} checked{{/chose_open_concern_yes}}{{/sent_moderation}}> Raise a concern with the moderator</label>
<div class="field{{#sent_moderation}}{{#err_summary}} has-error{{/err_summary}}{{/sent_moderation}}"><label for="f-{{#not_sent_moderation}}moderation_{{/not_sent_moderation}}summary">The concern in one line (needed to raise one)</label>
{{#sent_moderation}}{{#err_summary}}<p class="field-error" id="e-summary">{{err_summary}}</p>{{/err_summary}}{{/sent_moderation}}
<input id="f-{{#not_sent_moderation}}moderation_{{/not_sent_moderation}}summary" name="summary" type="text" maxlength="200" value="{{#sent_moderation}}{{form_summary}}{{/sent_moderation}}"{{#sent_moderation}}{{#err_summary}} aria-describedby="e-summary" aria-invalid="true"{{/err_summary}}{{/sent_moderation}}></div>
<div class="actions"><button class="btn" type="submit">Log the action</button></div>
</form>{{/can_log_items}}
</section>
{{#show_mistakes}}<section aria-labelledby="h-mistakes">
<h2 id="h-mistakes">Mistakes</h2>
<p class="muted">Posted something you should not have? Report it here: the moderator and the senior leadership team are told, and the moderator records what was done.</p>
{{#not_mistakes}}<p class="notice">{{#sees_all_mistakes}}No mistake has been reported on this account.{{/sees_all_mistakes}}{{#not_sees_all_mistakes}}You have not reported a mistake on this account.{{/not_sees_all_mistakes}}</p>{{/not_mistakes}}
{{#mistakes}}<article class="card" id="mistake-{{id}}">
<h3>Reported by {{reported_by_name}}, <time datetime="{{reported_at}}">{{reported_at:x-uk-time}}</time></h3>
<p><span class="multiline">{{what:pre_escape}}</span></p>
<p class="muted">{{#removed}}Already taken down when reported.{{/removed}}{{#not_removed}}Still up when reported.{{/not_removed}}{{#link}} <a href="{{link}}" rel="noopener noreferrer">The post</a>{{/link}}</p>
{{#outcome}}<p><strong>What was done</strong> ({{resolved_by_name}}, <time datetime="{{resolved_at}}">{{resolved_at:x-uk-time}}</time>): <span class="multiline">{{outcome:pre_escape}}</span></p>{{/outcome}}
{{#not_outcome}}<p><span class="badge status-pending">Waiting for the moderator</span></p>
{{#may_resolve}}<form class="stack" method="post" action="/accounts/{{account_id}}/mistakes/{{id}}/resolve">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#resolve_sent}}{{#err_outcome}} has-error{{/err_outcome}}{{/resolve_sent}}"><label for="f-outcome{{#not_resolve_sent}}-{{id}}{{/not_resolve_sent}}">What was done</label>
{{#resolve_sent}}{{#err_outcome}}<p class="field-error" id="e-outcome">{{err_outcome}}</p>{{/err_outcome}}{{/resolve_sent}}
<textarea id="f-outcome{{#not_resolve_sent}}-{{id}}{{/not_resolve_sent}}" name="outcome" rows="2" maxlength="2000" required{{#resolve_sent}}{{#err_outcome}} aria-describedby="e-outcome" aria-invalid="true"{{/err_outcome}}{{/resolve_sent}}>&#10;{{#resolve_sent}}{{form_outcome:pre_escape}}{{/resolve_sent}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Record what was done</button></div>
</form>{{/may_resolve}}{{/not_outcome}}
</article>
{{/mistakes}}
{{#can_report_mistake}}<form class="stack card" method="post" action="/accounts/{{account_id}}/mistakes">
<h3>I posted something I should not have</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#sent_mistake}}{{#err_what}} has-error{{/err_what}}{{/sent_mistake}}"><label for="f-{{#not_sent_mistake}}mistake_{{/not_sent_mistake}}what">What was posted and what was wrong</label>
{{#sent_mistake}}{{#err_what}}<p class="field-error" id="e-what">{{err_what}}</p>{{/err_what}}{{/sent_mistake}}
<textarea id="f-{{#not_sent_mistake}}mistake_{{/not_sent_mistake}}what" name="what" rows="3" maxlength="2000" required{{#sent_mistake}}{{#err_what}} aria-describedby="e-what" aria-invalid="true"{{/err_what}}{{/sent_mistake}}>&#10;{{#sent_mistake}}{{form_what:pre_escape}}{{/sent_mistake}}</textarea></div>
<div class="field{{#sent_mistake}}{{#err_link}} has-error{{/err_link}}{{/sent_mistake}}"><label for="f-{{#not_sent_mistake}}mistake_{{/not_sent_mistake}}link">Link to the post (optional)</label>
{{#sent_mistake}}{{#err_link}}<p class="field-error" id="e-link">{{err_link}}</p>{{/err_link}}{{/sent_mistake}}
<input id="f-{{#not_sent_mistake}}mistake_{{/not_sent_mistake}}link" name="link" type="url" maxlength="300" value="{{#sent_mistake}}{{form_link}}{{/sent_mistake}}"{{#sent_mistake}}{{#err_link}} aria-describedby="e-link" aria-invalid="true"{{/err_link}}{{/sent_mistake}}></div>
<label class="checkbox" for="f-removed"><input id="f-removed" type="checkbox" name="removed" value="yes"{{#chose_removed_yes}} checked{{/chose_removed_yes}}> I have already taken it down</label>
<div class="actions"><button class="btn" type="submit">Report the mistake</button></div>
</form>{{/can_report_mistake}}
</section>{{/show_mistakes}}
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
<p class="muted">Kept encrypted. Only the moderator and the senior leadership team can store them; they, the headteacher and the account's lead can see them, its contributors cannot. Every viewing is recorded, and when someone who saw them leaves or no longer leads the account the password must be changed.</p>
{{#has_credentials}}<form class="stack card" method="post" action="/accounts/{{account_id}}/credentials/reveal">
<h3>Show the credentials</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#sent_reveal}}{{#err_password}} has-error{{/err_password}}{{/sent_reveal}}"><label for="f-{{#not_sent_reveal}}reveal-{{/not_sent_reveal}}password">Your own staffroom password, to confirm it is you</label>
{{#sent_reveal}}{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}{{/sent_reveal}}
<input id="f-{{#not_sent_reveal}}reveal-{{/not_sent_reveal}}password" name="password" type="password" autocomplete="current-password" required{{#sent_reveal}}{{#err_password}} aria-describedby="e-password" aria-invalid="true"{{/err_password}}{{/sent_reveal}}></div>
<div class="actions"><button class="btn" type="submit">Show the credentials once</button></div>
</form>{{/has_credentials}}
{{#not_has_credentials}}<p class="notice">No credentials have been stored for this account yet.</p>{{/not_has_credentials}}
{{#can_set_credentials}}<form class="stack card" method="post" action="/accounts/{{account_id}}/credentials">
<h3>{{#has_credentials}}Replace the credentials{{/has_credentials}}{{#not_has_credentials}}Store the credentials{{/not_has_credentials}}</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_login}} has-error{{/err_login}}"><label for="f-login">Sign-in name</label>
{{#err_login}}<p class="field-error" id="e-login">{{err_login}}</p>{{/err_login}}
<input id="f-login" name="login" type="text" maxlength="254" autocomplete="off" required value="{{v_login}}"{{#err_login}} aria-describedby="e-login" aria-invalid="true"{{/err_login}}></div>
<div class="field{{#not_sent_reveal}}{{#err_password}} has-error{{/err_password}}{{/not_sent_reveal}}"><label for="f-{{#sent_reveal}}store-{{/sent_reveal}}password">The account's password</label>
{{#not_sent_reveal}}{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}{{/not_sent_reveal}}
<input id="f-{{#sent_reveal}}store-{{/sent_reveal}}password" name="password" type="password" autocomplete="new-password" required{{#not_sent_reveal}}{{#err_password}} aria-describedby="e-password" aria-invalid="true"{{/err_password}}{{/not_sent_reveal}}></div>
<div class="field{{#err_recovery_email}} has-error{{/err_recovery_email}}"><label for="f-recovery_email">Recovery e-mail address</label>
{{#err_recovery_email}}<p class="field-error" id="e-recovery_email">{{err_recovery_email}}</p>{{/err_recovery_email}}
<input id="f-recovery_email" name="recovery_email" type="email" maxlength="254" value="{{v_recovery_email}}"{{#err_recovery_email}} aria-describedby="e-recovery_email" aria-invalid="true"{{/err_recovery_email}}></div>
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
<input type="hidden" name="version" value="{{v_version}}">
<div class="field{{#err_name}} has-error{{/err_name}}"><label for="f-name">Name or handle</label>
{{#err_name}}<p class="field-error" id="e-name">{{err_name}}</p>{{/err_name}}
<input id="f-name" name="name" type="text" maxlength="120" required value="{{v_name}}"{{#err_name}} aria-describedby="e-name" aria-invalid="true"{{/err_name}}></div>
<div class="field{{#err_url}} has-error{{/err_url}}"><label for="f-url">Web address</label>
{{#err_url}}<p class="field-error" id="e-url">{{err_url}}</p>{{/err_url}}
<input id="f-url" name="url" type="url" maxlength="300" value="{{v_url}}"{{#err_url}} aria-describedby="e-url" aria-invalid="true"{{/err_url}}></div>
<div class="field"><label for="f-status">Status</label>
<select id="f-status" name="status"><option value="active">Active</option><option value="suspended"{{#v_suspended}} selected{{/v_suspended}}>Suspended</option></select></div>
<div class="actions"><button class="btn secondary" type="submit">Save the details</button></div>
</form>
<form class="stack card" method="post" action="/accounts/{{account_id}}/transfer">
<h3>Transfer to a new lead</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_lead}} has-error{{/err_lead}}"><label for="f-lead">E-mail address of the new lead</label>
<p class="hint" id="h-lead">The new lead must be active, have signed the current acceptable-use agreement and have current social-media policy training.</p>
{{#err_lead}}<p class="field-error" id="e-lead">{{err_lead}}</p>{{/err_lead}}
<input id="f-lead" name="lead" type="email" maxlength="254" required value="{{v_lead}}" aria-describedby="h-lead{{#err_lead}} e-lead{{/err_lead}}"{{#err_lead}} aria-invalid="true"{{/err_lead}}></div>
<div class="actions"><button class="btn secondary" type="submit">Transfer</button></div>
</form>
<form class="stack card" method="post" action="/accounts/{{account_id}}/close">
<h3>Close the account</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_reason}} has-error{{/err_reason}}"><label for="f-reason">Why it is being closed</label>
{{#err_reason}}<p class="field-error" id="e-reason">{{err_reason}}</p>{{/err_reason}}
<textarea id="f-reason" name="reason" rows="2" maxlength="2000" required{{#err_reason}} aria-describedby="e-reason" aria-invalid="true"{{/err_reason}}>&#10;{{v_reason:pre_escape}}</textarea></div>
<fieldset class="field{{#not_sent_review}}{{#err_password_changed}} has-error{{/err_password_changed}}{{#err_recovery_changed}} has-error{{/err_recovery_changed}}{{#err_two_factor_moved}} has-error{{/err_two_factor_moved}}{{#err_content_archived}} has-error{{/err_content_archived}}{{/not_sent_review}}"><legend>Handover checklist: confirm each step</legend>
{{#not_sent_review}}{{#err_password_changed}}<p class="field-error" id="e-password_changed">{{err_password_changed}}</p>{{/err_password_changed}}{{/not_sent_review}}
{{#not_sent_review}}{{#err_recovery_changed}}<p class="field-error" id="e-recovery_changed">{{err_recovery_changed}}</p>{{/err_recovery_changed}}{{/not_sent_review}}
{{#not_sent_review}}{{#err_two_factor_moved}}<p class="field-error" id="e-two_factor_moved">{{err_two_factor_moved}}</p>{{/err_two_factor_moved}}{{/not_sent_review}}
{{#not_sent_review}}{{#err_content_archived}}<p class="field-error" id="e-content_archived">{{err_content_archived}}</p>{{/err_content_archived}}{{/not_sent_review}}
<label class="checkbox" for="{{#not_sent_review}}f-{{/not_sent_review}}{{#sent_review}}c-{{/sent_review}}password_changed"><input id="{{#not_sent_review}}f-{{/not_sent_review}}{{#sent_review}}c-{{/sent_review}}password_changed" type="checkbox" name="password_changed" value="yes"{{#not_sent_review}}{{#err_password_changed}} aria-describedby="e-password_changed" aria-invalid="true"{{/err_password_changed}}{{/not_sent_review}}{{#not_sent_review}}{{#chose_password_changed_yes}} checked{{/chose_password_changed_yes}}{{/not_sent_review}}> The password has been changed</label>
<label class="checkbox" for="{{#not_sent_review}}f-{{/not_sent_review}}{{#sent_review}}c-{{/sent_review}}recovery_changed"><input id="{{#not_sent_review}}f-{{/not_sent_review}}{{#sent_review}}c-{{/sent_review}}recovery_changed" type="checkbox" name="recovery_changed" value="yes"{{#not_sent_review}}{{#err_recovery_changed}} aria-describedby="e-recovery_changed" aria-invalid="true"{{/err_recovery_changed}}{{/not_sent_review}}{{#not_sent_review}}{{#chose_recovery_changed_yes}} checked{{/chose_recovery_changed_yes}}{{/not_sent_review}}> The recovery e-mail and telephone have been changed</label>
<label class="checkbox" for="{{#not_sent_review}}f-{{/not_sent_review}}{{#sent_review}}c-{{/sent_review}}two_factor_moved"><input id="{{#not_sent_review}}f-{{/not_sent_review}}{{#sent_review}}c-{{/sent_review}}two_factor_moved" type="checkbox" name="two_factor_moved" value="yes"{{#not_sent_review}}{{#err_two_factor_moved}} aria-describedby="e-two_factor_moved" aria-invalid="true"{{/err_two_factor_moved}}{{/not_sent_review}}{{#not_sent_review}}{{#chose_two_factor_moved_yes}} checked{{/chose_two_factor_moved_yes}}{{/not_sent_review}}> Two-factor sign-in has been moved</label>
<label class="checkbox" for="{{#not_sent_review}}f-{{/not_sent_review}}{{#sent_review}}c-{{/sent_review}}content_archived"><input id="{{#not_sent_review}}f-{{/not_sent_review}}{{#sent_review}}c-{{/sent_review}}content_archived" type="checkbox" name="content_archived" value="yes"{{#not_sent_review}}{{#err_content_archived}} aria-describedby="e-content_archived" aria-invalid="true"{{/err_content_archived}}{{/not_sent_review}}{{#not_sent_review}}{{#chose_content_archived_yes}} checked{{/chose_content_archived_yes}}{{/not_sent_review}}> The content has been archived</label>
</fieldset>
<div class="actions"><button class="btn danger" type="submit">Close the account</button></div>
</form>
</section>{{/can_manage}}
<p><a href="/accounts">Back to the register</a></p>
