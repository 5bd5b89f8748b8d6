{{%AUTOESCAPE context="HTML"}}{{#application}}<h1>Application: {{name}}</h1>
<p><span class="badge status-{{status_class}}">{{status:x-application-status}}</span>{{#account_id}} · <a href="/accounts/{{account_id}}">See the account on the register</a>{{/account_id}}</p>
<dl class="facts card">
<dt>Platform</dt><dd>{{platform_label}}</dd>
<dt>Proposed name or handle</dt><dd>{{name}}</dd>
<dt>Department</dt><dd>{{department}}</dd>
<dt>Applicant</dt><dd>{{applicant_name}} ({{applicant}})</dd>
<dt>Lead</dt><dd>{{lead_name}} ({{lead}})</dd>
<dt>Open or closed</dt><dd>{{visibility:x-visibility}}</dd>
<dt>Aim</dt><dd><span class="multiline">{{aim:pre_escape}}</span></dd>
<dt>Audience</dt><dd><span class="multiline">{{audience:pre_escape}}</span></dd>
<dt>Promotion</dt><dd><span class="multiline">{{promotion:pre_escape}}</span></dd>
<dt>Monitoring</dt><dd><span class="multiline">{{monitoring:pre_escape}}</span></dd>
<dt>Applied</dt><dd><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></dd>
</dl>{{/application}}
<section aria-labelledby="h-checks">
<h2 id="h-checks">Policy checks for the lead</h2>
<p class="muted">Checked now, and again at the moment of the decision. An account cannot be approved while any check says no.</p>
<div class="table-scroll" tabindex="0"><table class="data">
<caption>The lead's standing against the policies</caption>
<thead><tr><th scope="col">Check</th><th scope="col">Answer</th><th scope="col">Details</th></tr></thead>
<tbody>{{#checks}}<tr><th scope="row">{{question}}</th><td>{{#ok}}<span class="badge status-ok">yes</span>{{/ok}}{{#not_ok}}<span class="badge status-fail">no</span>{{/not_ok}}</td><td>{{detail}}</td></tr>
{{/checks}}</tbody></table></div>
</section>
{{#can_review}}<form class="stack card" method="post" action="/accounts/applications/{{application_id}}/review">
<h2>Moderator's review</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-decision" class="field{{#err_decision}} has-error{{/err_decision}}"{{#err_decision}} aria-describedby="e-decision"{{/err_decision}}><legend>Your review</legend>
{{#err_decision}}<p class="field-error" id="e-decision">{{err_decision}}</p>{{/err_decision}}
<label class="checkbox" for="f-decision-forward"><input id="f-decision-forward" type="radio" name="decision" value="forward"{{#chose_decision_forward}} checked{{/chose_decision_forward}} required> Forward for the final decision</label>
<label class="checkbox" for="f-decision-return"><input id="f-decision-return" type="radio" name="decision" value="return"{{#chose_decision_return}} checked{{/chose_decision_return}}> Return to the applicant for changes</label>
</fieldset>
{{#checks_fail}}<div class="notice warn field{{#err_confirm}} has-error{{/err_confirm}}" id="forward-warning"><p><strong>The lead does not pass these checks</strong>, so the account cannot be approved until they do:</p>
<ul>{{#failing}}<li>{{question}}: no</li>{{/failing}}</ul>
{{#err_confirm}}<p class="field-error">{{err_confirm}}</p>{{/err_confirm}}
<label class="checkbox" for="f-confirm"><input id="f-confirm" type="checkbox" name="confirm" value="yes" aria-describedby="forward-warning"> Forward even though these checks fail</label></div>{{/checks_fail}}
<div class="field{{#err_comment}} has-error{{/err_comment}}"><label for="f-comment">Comment (required when returning)</label>
{{#err_comment}}<p class="field-error" id="e-comment">{{err_comment}}</p>{{/err_comment}}
<textarea id="f-comment" name="comment" rows="3" maxlength="2000"{{#err_comment}} aria-describedby="e-comment" aria-invalid="true"{{/err_comment}}>&#10;{{form_comment:pre_escape}}</textarea></div>
<div class="actions"><button class="btn" type="submit">Record the review</button></div>
</form>{{/can_review}}
{{#can_decide}}<form class="stack card" method="post" action="/accounts/applications/{{application_id}}/decision">
<h2>Final decision</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-decision" class="field{{#err_decision}} has-error{{/err_decision}}"{{#err_decision}} aria-describedby="e-decision"{{/err_decision}}><legend>Your decision</legend>
{{#err_decision}}<p class="field-error" id="e-decision">{{err_decision}}</p>{{/err_decision}}
<label class="checkbox" for="f-decision-approve"><input id="f-decision-approve" type="radio" name="decision" value="approve"{{#chose_decision_approve}} checked{{/chose_decision_approve}} required{{#approve_blocked}} disabled aria-describedby="approve-why"{{/approve_blocked}}> Approve: add the account to the register</label>
{{#approve_blocked}}<p class="hint" id="approve-why">Approve is not available. {{approve_blocked}}{{#training_lead}} <button class="link" type="submit" form="lead-training">Record the lead's social-media training</button>{{/training_lead}}</p>{{/approve_blocked}}
<label class="checkbox" for="f-decision-reject"><input id="f-decision-reject" type="radio" name="decision" value="reject"{{#chose_decision_reject}} checked{{/chose_decision_reject}} required> Reject</label>
</fieldset>
<div class="field{{#err_reason}} has-error{{/err_reason}}"><label for="f-reason">Reason (required when rejecting; the applicant sees it)</label>
{{#err_reason}}<p class="field-error" id="e-reason">{{err_reason}}</p>{{/err_reason}}
<textarea id="f-reason" name="reason" rows="3" maxlength="2000"{{#err_reason}} aria-describedby="e-reason" aria-invalid="true"{{/err_reason}}>&#10;{{form_reason:pre_escape}}</textarea></div>
<div class="actions"><button class="btn" type="submit">Record the decision</button></div>
</form>{{#training_lead}}<form id="lead-training" method="post" action="/training/search"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="q" value="{{training_lead}}"></form>{{/training_lead}}{{/can_decide}}
{{#decide_refusal}}<p class="notice">{{decide_refusal}}</p>{{/decide_refusal}}
{{#can_edit}}<p class="actions"><a class="btn" href="/accounts/applications/{{application_id}}/edit">Change and resend the application</a></p>{{/can_edit}}
{{#can_withdraw}}<form class="card" method="post" action="/accounts/applications/{{application_id}}/withdraw">
<h2>Withdraw</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="muted">Withdraw the application if the account is no longer wanted. This cannot be undone.</p>
<div class="actions"><button class="btn danger" type="submit">Withdraw the application</button></div>
</form>{{/can_withdraw}}
<section aria-labelledby="h-history">
<h2 id="h-history">History</h2>
<ol class="timeline">
{{#history}}<li><span class="when"><time datetime="{{at}}">{{at:x-uk-time}}</time></span> <span class="who">{{actor}}</span> <span class="what">{{step:x-application-step}}: {{decision:x-application-decision}}{{#comment}} – <span class="multiline">{{comment:pre_escape}}</span>{{/comment}}{{#has_checks_then}} <span class="checks-then">Checks at that moment: {{#checks_then}}{{question}}: {{#ok}}yes{{/ok}}{{#not_ok}}no{{/not_ok}}. {{/checks_then}}</span>{{/has_checks_then}}</span></li>
{{/history}}
</ol>
</section>
<p><a href="/accounts/applications">Back to the applications</a></p>
