{{%AUTOESCAPE context="HTML"}}<h1>Filtering</h1>
<p class="lead">{{#may_read}}The school's record of what is blocked or allowed on school computers and why, and of the checks and the yearly review of filtering and monitoring.{{/may_read}}{{#not_may_read}}Ask for a site to be blocked when something inappropriate can be reached on a school computer, or unblocked when it stops your teaching. The network manager decides, and you see the decision here.{{/not_may_read}}</p>
<form class="stack card" method="post" action="/filtering/requests">
<h2>Ask for a site to be blocked or unblocked</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-{{#sent_check}}request-{{/sent_check}}kind" class="field{{#not_sent_check}}{{#err_kind}} has-error{{/err_kind}}{{/not_sent_check}}"{{#not_sent_check}}{{#err_kind}} aria-describedby="e-kind"{{/err_kind}}{{/not_sent_check}}><legend>What should happen to the site?</legend>
{{#not_sent_check}}{{#err_kind}}<p class="field-error" id="e-kind">{{err_kind}}</p>{{/err_kind}}{{/not_sent_check}}
<label class="checkbox" for="f-kind-block"><input type="radio" id="f-kind-block" name="kind" value="block"{{#chose_kind_block}} checked{{/chose_kind_block}}> Block it: something inappropriate can be reached</label>
<label class="checkbox" for="f-kind-unblock"><input type="radio" id="f-kind-unblock" name="kind" value="unblock"{{#chose_kind_unblock}} checked{{/chose_kind_unblock}}> Unblock it: it stops teaching</label>
</fieldset>
<div class="field{{#err_site}} has-error{{/err_site}}"><label for="f-site">The site's address or name</label>
{{#err_site}}<p class="field-error" id="e-site">{{err_site}}</p>{{/err_site}}
<input id="f-site" name="site" type="text" required maxlength="500" value="{{form_site}}"{{#err_site}} aria-describedby="e-site" aria-invalid="true"{{/err_site}}></div>
<div class="field{{#err_reason}} has-error{{/err_reason}}"><label for="f-reason">Why (what was seen, or the lesson it stops)</label>
<p class="hint" id="h-reason">Do not name pupils here. If a pupil is at risk, report a concern as well.</p>
{{#err_reason}}<p class="field-error" id="e-reason">{{err_reason}}</p>{{/err_reason}}
<textarea id="f-reason" name="reason" rows="3" required aria-describedby="h-reason{{#err_reason}} e-reason{{/err_reason}}"{{#err_reason}} aria-invalid="true"{{/err_reason}}>&#10;{{form_reason:pre_escape}}</textarea></div>
<div class="actions"><button class="btn" type="submit">Send the request</button></div>
</form>
<section aria-labelledby="h-requests">
<h2 id="h-requests">{{#may_read}}Requests and decisions{{/may_read}}{{#not_may_read}}{{#stands_in}}Requests for you to decide, then your own{{/stands_in}}{{#not_stands_in}}My requests{{/not_stands_in}}{{/not_may_read}}</h2>
{{#not_requests}}<p class="muted">No requests yet.</p>{{/not_requests}}
{{#has_requests}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Requests awaiting a decision first, then the newest</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Request</th><th scope="col">Asked by</th><th scope="col">Decision</th></tr></thead><tbody>{{/has_requests}}
{{#requests}}<tr id="request-{{id}}"><th scope="row">{{reference}}</th><td>{{kind_label}} <strong>{{site}}</strong><br><span class="multiline">{{reason:pre_escape}}</span></td><td>{{requested_by}}, <time datetime="{{requested_at}}">{{requested_at:x-uk-time}}</time></td><td>{{#open}}<span class="badge status-pending">{{decision_label}}</span>{{#stand_in}}<p>For you to decide as chair of governors: the safeguarding lead cannot decide it.</p>{{/stand_in}}{{#nobody_decides}}<p><strong>Nobody can decide this request yet:</strong> no chair of governors is active in staffroom. Ask the administrator to give the role to someone, who will then find it on their tasks.</p>{{/nobody_decides}}{{#may_decide}}
<form class="stack" method="post" action="/filtering/requests/{{id}}/decision">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#decide_sent}}{{#err_decision}} has-error{{/err_decision}}{{/decide_sent}}"><label for="f-decision{{#not_decide_sent}}-{{id}}{{/not_decide_sent}}">Decision on {{reference}}</label>
{{#decide_sent}}{{#err_decision}}<p class="field-error" id="e-decision">{{err_decision}}</p>{{/err_decision}}{{/decide_sent}}
<select id="f-decision{{#not_decide_sent}}-{{id}}{{/not_decide_sent}}" name="decision"{{#decide_sent}}{{#err_decision}} aria-describedby="e-decision" aria-invalid="true"{{/err_decision}}{{/decide_sent}}><option value="done">Done</option><option value="refused">Refused</option></select></div>
<div class="field{{#decide_sent}}{{#err_decision_reason}} has-error{{/err_decision_reason}}{{/decide_sent}}"><label for="f-decision_reason{{#not_decide_sent}}-{{id}}{{/not_decide_sent}}">Why</label>
{{#decide_sent}}{{#err_decision_reason}}<p class="field-error" id="e-decision_reason">{{err_decision_reason}}</p>{{/err_decision_reason}}{{/decide_sent}}
<textarea id="f-decision_reason{{#not_decide_sent}}-{{id}}{{/not_decide_sent}}" name="decision_reason" rows="2" required{{#decide_sent}}{{#err_decision_reason}} aria-describedby="e-decision_reason" aria-invalid="true"{{/err_decision_reason}}{{/decide_sent}}>&#10;{{#decide_sent}}{{form_decision_reason:pre_escape}}{{/decide_sent}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Record the decision on {{reference}}</button></div>
</form>{{/may_decide}}{{/open}}{{#not_open}}<span class="badge status-{{decision}}">{{decision_label}}</span> by {{decided_by}}, <time datetime="{{decided_at}}">{{decided_at:x-uk-time}}</time><br><span class="multiline">{{decision_reason:pre_escape}}</span>{{/not_open}}</td></tr>
{{/requests}}
{{#has_requests}}</tbody></table></div>{{/has_requests}}
</section>
{{#may_read}}<section aria-labelledby="h-people" id="people">
<h2 id="h-people">Who is responsible</h2>
<dl class="facts"><dt>Senior leader</dt><dd>{{#leader}}{{name}} ({{email}}){{/leader}}{{#not_leader}}<span class="muted">Not named yet</span>{{/not_leader}}</dd>
<dt>Governor</dt><dd>{{#governor}}{{name}} ({{email}}){{/governor}}{{#not_governor}}<span class="muted">Not named yet</span>{{/not_governor}}</dd>
<dt>Next yearly review</dt><dd>{{#review_due}}<time datetime="{{review_due}}">{{review_due:x-uk-due}}</time>{{/review_due}}{{#not_review_due}}<span class="badge status-overdue">Never reviewed</span>{{/not_review_due}}</dd></dl>
{{#may_name}}<form class="stack card" method="post" action="/filtering/people">
<h3>Name who is responsible</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_leader}} has-error{{/err_leader}}"><label for="f-leader">E-mail address of the senior leader</label>
{{#err_leader}}<p class="field-error" id="e-leader">{{err_leader}}</p>{{/err_leader}}
<input id="f-leader" name="leader" type="email" required value="{{form_leader}}"{{#err_leader}} aria-describedby="e-leader" aria-invalid="true"{{/err_leader}}></div>
<div class="field{{#err_governor}} has-error{{/err_governor}}"><label for="f-governor">E-mail address of the governor</label>
{{#err_governor}}<p class="field-error" id="e-governor">{{err_governor}}</p>{{/err_governor}}
<input id="f-governor" name="governor" type="email" required value="{{form_governor}}"{{#err_governor}} aria-describedby="e-governor" aria-invalid="true"{{/err_governor}}></div>
<div class="actions"><button class="btn secondary" type="submit">Save who is responsible</button></div>
</form>{{/may_name}}
</section>
<section aria-labelledby="h-checks" id="record">
<h2 id="h-checks">Checks and yearly reviews</h2>
{{#not_checks}}<p class="muted">No check or review has been recorded.</p>{{/not_checks}}
{{#has_checks}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Checks and reviews, newest first</caption>
<thead><tr><th scope="col">Done on</th><th scope="col">What</th><th scope="col">What was tested or reviewed</th><th scope="col">Actions</th><th scope="col">Recorded by</th></tr></thead><tbody>{{/has_checks}}
{{#checks}}<tr><th scope="row"><time datetime="{{done_on}}">{{done_on:x-uk-time}}</time></th><td>{{kind_label}}</td><td><span class="multiline">{{tested:pre_escape}}</span></td><td><span class="multiline">{{actions:pre_escape}}</span></td><td>{{recorded_by}}</td></tr>
{{/checks}}
{{#has_checks}}</tbody></table></div>{{/has_checks}}
{{#may_record}}<form class="stack card" method="post" action="/filtering/checks">
<h3>Record a check or the yearly review</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-{{#not_sent_check}}check-{{/not_sent_check}}kind" class="field{{#sent_check}}{{#err_kind}} has-error{{/err_kind}}{{/sent_check}}"{{#sent_check}}{{#err_kind}} aria-describedby="e-kind"{{/err_kind}}{{/sent_check}}><legend>What was done?</legend>
{{#sent_check}}{{#err_kind}}<p class="field-error" id="e-kind">{{err_kind}}</p>{{/err_kind}}{{/sent_check}}
<label class="checkbox" for="f-check-kind-check"><input type="radio" id="f-check-kind-check" name="kind" value="check"{{#chose_kind_check}} checked{{/chose_kind_check}}> A check of the filtering or monitoring system</label>
<label class="checkbox" for="f-check-kind-review"><input type="radio" id="f-check-kind-review" name="kind" value="review"{{#chose_kind_review}} checked{{/chose_kind_review}}> The yearly review of filtering and monitoring</label>
</fieldset>
<div class="field{{#err_done_on}} has-error{{/err_done_on}}"><label for="f-done_on">Done on</label>
{{#err_done_on}}<p class="field-error" id="e-done_on">{{err_done_on}}</p>{{/err_done_on}}
<input id="f-done_on" name="done_on" type="date" required value="{{form_done_on}}"{{#err_done_on}} aria-describedby="e-done_on" aria-invalid="true"{{/err_done_on}}></div>
<div class="field{{#err_tested}} has-error{{/err_tested}}"><label for="f-tested">What was tested or reviewed</label>
{{#err_tested}}<p class="field-error" id="e-tested">{{err_tested}}</p>{{/err_tested}}
<textarea id="f-tested" name="tested" rows="3" required{{#err_tested}} aria-describedby="e-tested" aria-invalid="true"{{/err_tested}}>&#10;{{form_tested:pre_escape}}</textarea></div>
<div class="field{{#err_actions}} has-error{{/err_actions}}"><label for="f-actions">Actions that follow</label>
{{#err_actions}}<p class="field-error" id="e-actions">{{err_actions}}</p>{{/err_actions}}
<textarea id="f-actions" name="actions" rows="2"{{#err_actions}} aria-describedby="e-actions" aria-invalid="true"{{/err_actions}}>&#10;{{form_actions:pre_escape}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Record it</button></div>
</form>{{/may_record}}
</section>{{/may_read}}
