{{%AUTOESCAPE context="HTML"}}{{#concern}}<h1>Concern {{reference}}</h1>
<p class="print-only print-warning">Confidential case file. Keep it locked away and shred it when it is no longer needed.</p>
<p class="lead"><span class="badge status-{{status}}">{{status}}</span>{{#urgent}} <span class="badge status-urgent">Urgent</span>{{/urgent}}{{#overdue}} <span class="badge status-overdue">Overdue: not acknowledged by <time datetime="{{due_by}}">{{due_by}}</time></span>{{/overdue}} · {{label}}</p>
{{#has_deadlines}}<section class="card" aria-labelledby="h-deadlines">
<h2 id="h-deadlines">Legal deadlines</h2>
<ul class="deadlines">{{#deadlines}}<li>{{label}}: by <time datetime="{{due_at}}">{{due_at}}</time>{{#met_at}} · done <time datetime="{{met_at}}">{{met_at}}</time>{{/met_at}}{{#overdue}} <span class="badge status-overdue">Past the deadline</span>{{/overdue}}</li>{{/deadlines}}</ul>
</section>{{/has_deadlines}}
{{#breach}}<section class="card" aria-labelledby="h-breach">
<h2 id="h-breach">Personal data breach</h2>
<dl class="facts"><dt>The school became aware</dt><dd><time datetime="{{aware_at}}">{{aware_at}}</time></dd>
<dt>Decide on reporting to the ICO by</dt><dd><time datetime="{{decision_due}}">{{decision_due}}</time> · {{deadline_words}}</dd>
<dt>Decision</dt><dd>{{decision_label}}{{#decided_at}} (<time datetime="{{decided_at}}">{{decided_at}}</time>{{#decided_by}}, {{decided_by}}{{/decided_by}}){{/decided_at}}</dd>
{{#ico_reference}}<dt>ICO reference</dt><dd>{{ico_reference}}</dd>{{/ico_reference}}
{{#reasons}}<dt>Reasons</dt><dd><span class="multiline">{{reasons:pre_escape}}</span></dd>{{/reasons}}
<dt>The people affected were told</dt><dd>{{subjects_told_label}}</dd></dl>
{{#can_decide}}<form class="stack no-print" method="post" action="/concerns/{{id}}/events">
<h3>Record the decision on reporting to the ICO</h3>
<p class="hint">Record the reasons whatever the decision: a breach that is not reported is kept in the <a href="/breaches">breach log</a> with them. The ICO's reference can be added by recording the decision again.</p>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="ico_decision">
<fieldset id="f-decision"><legend>Decision</legend>
{{#decisions}}<label class="checkbox" for="f-decision-{{code}}"><input type="radio" id="f-decision-{{code}}" name="decision" value="{{code}}" required> {{label}}</label>
{{/decisions}}</fieldset>
<div class="field"><label for="f-decision-text">Reasons (required)</label>
<textarea id="f-decision-text" name="text" rows="3" required></textarea></div>
<div class="field"><label for="f-ico_reference">ICO reference (only when reported)</label>
<input id="f-ico_reference" name="ico_reference" type="text" maxlength="100"></div>
<fieldset id="f-subjects_told"><legend>Were the people affected told? (required when the risk to them is high)</legend>
<label class="checkbox" for="f-subjects_told-yes"><input type="radio" id="f-subjects_told-yes" name="subjects_told" value="yes"> Yes</label>
<label class="checkbox" for="f-subjects_told-no"><input type="radio" id="f-subjects_told-no" name="subjects_told" value="no"> No</label></fieldset>
<div class="actions"><button class="btn" type="submit">Record the decision</button></div>
</form>{{/can_decide}}
</section>{{/breach}}
<section class="card" aria-labelledby="h-report">
<h2 id="h-report">The report</h2>
<dl class="facts"><dt>Summary</dt><dd>{{summary}}</dd>
<dt>Reported by</dt><dd>{{reporter}} ({{reporter_email}})</dd>
<dt>Received</dt><dd><time datetime="{{created_at}}">{{created_at}}</time></dd>
<dt>Acknowledge by</dt><dd><time datetime="{{due_by}}">{{due_by}}</time>{{#acknowledged_at}} · acknowledged <time datetime="{{acknowledged_at}}">{{acknowledged_at}}</time>{{/acknowledged_at}}</dd>
<dt>Happened</dt><dd>{{#occurred_at}}<time datetime="{{occurred_at}}">{{occurred_at}}</time>{{/occurred_at}}{{#not_occurred_at}}<span class="muted">not given</span>{{/not_occurred_at}}</dd>
{{#platform}}<dt>Site or app</dt><dd>{{platform}}</dd>{{/platform}}
{{#url}}<dt>Web address (not a link: copy it with care)</dt><dd>{{url}}</dd>{{/url}}
{{#involved}}<dt>Who is involved</dt><dd><span class="multiline">{{involved:pre_escape}}</span></dd>{{/involved}}
{{#about}}<dt>About</dt><dd>{{about}} ({{about_email}})</dd>{{/about}}
<dt>Sent to</dt><dd>{{recipients}}</dd>
<dt>Assigned to</dt><dd>{{#assignee}}{{assignee}} ({{assignee_email}}){{/assignee}}{{#not_assignee}}<span class="muted">nobody yet</span>{{/not_assignee}}</dd>
{{#closed_at}}<dt>Closed</dt><dd><time datetime="{{closed_at}}">{{closed_at}}</time> · {{outcome_label}}</dd><dt>Outcome</dt><dd><span class="multiline">{{outcome:pre_escape}}</span></dd>{{/closed_at}}
{{#details}}<dt>What happened</dt><dd><span class="multiline">{{details:pre_escape}}</span></dd>{{/details}}</dl>
</section>
<section class="card" aria-labelledby="h-evidence">
<h2 id="h-evidence">Evidence</h2>
{{#not_evidence}}<p class="muted">No files were attached.</p>{{/not_evidence}}
{{#has_evidence}}<ul class="evidence-list">{{/has_evidence}}
{{#evidence}}<li><a href="{{url}}">Download {{filename}}</a> <span class="muted">({{type}}, {{size}} bytes, SHA-256 {{sha256}})</span>
{{#image}}<br><img src="{{url}}?inline=yes" alt="Evidence picture {{filename}}" loading="lazy" referrerpolicy="no-referrer">{{/image}}</li>
{{/evidence}}
{{#has_evidence}}</ul>{{/has_evidence}}
</section>
<section class="card" aria-labelledby="chronology" id="chronology-section">
<h2 id="chronology">Chronology</h2>
<ol class="timeline">
{{#events}}<li><span class="when"><time datetime="{{at}}">{{at}}</time></span> <span class="who">{{#actor}}{{actor}}{{/actor}}{{#not_actor}}system{{/not_actor}}</span> <span class="what">{{what}}{{#internal}} <span class="muted">(internal)</span>{{/internal}}</span>{{#text}}<p><span class="multiline">{{text:pre_escape}}</span></p>{{/text}}</li>
{{/events}}
</ol>
</section>{{/concern}}
<section class="no-print" aria-labelledby="h-actions">
<h2 id="h-actions">Add to the chronology</h2>
<p class="hint">Nothing is ever edited or deleted: a correction is a new note.</p>
{{#concern_is_new}}<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Acknowledge</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="acknowledge">
<p class="hint">Tells the reporter their concern has been received.</p>
<div class="actions"><button class="btn" type="submit">Acknowledge</button></div>
</form>{{/concern_is_new}}
<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Add a note</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="note">
<div class="field{{#err_text}} has-error{{/err_text}}"><label for="f-text">Note (seen only by those dealing with the concern)</label>
{{#err_text}}<p class="field-error">{{err_text}}</p>{{/err_text}}
<textarea id="f-text" name="text" rows="4" required></textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Add note</button></div>
</form>
{{#not_concern_is_closed}}<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Assign</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="assign">
<div class="field{{#err_assignee}} has-error{{/err_assignee}}"><label for="f-assignee">Assign to</label>
{{#err_assignee}}<p class="field-error">{{err_assignee}}</p>{{/err_assignee}}
<select id="f-assignee" name="assignee" required>{{#assignees}}<option value="{{email}}">{{name}} ({{email}})</option>{{/assignees}}</select></div>
<div class="actions"><button class="btn secondary" type="submit">Assign</button></div>
</form>
<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Change the status</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="status">
<div class="field{{#err_status}} has-error{{/err_status}}"><label for="f-status">New status</label>
{{#err_status}}<p class="field-error">{{err_status}}</p>{{/err_status}}
<select id="f-status" name="status" required><option value="acknowledged">acknowledged</option><option value="investigating">investigating</option><option value="escalated">escalated</option></select></div>
<p class="hint">Status moves forward only: new, acknowledged, investigating, escalated, closed.</p>
<div class="actions"><button class="btn secondary" type="submit">Change status</button></div>
</form>
<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Escalate</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="escalate">
<div class="field{{#err_to}} has-error{{/err_to}}"><label for="f-to">Escalated to</label>
{{#err_to}}<p class="field-error">{{err_to}}</p>{{/err_to}}
<select id="f-to" name="to" required>{{#bodies}}<option value="{{code}}">{{label}}</option>{{/bodies}}</select></div>
<div class="field"><label for="f-reference">Their reference (crime number, case number)</label>
<input id="f-reference" name="reference" type="text"></div>
<div class="field"><label for="f-escalate-text">Details</label>
<textarea id="f-escalate-text" name="text" rows="3"></textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Record escalation</button></div>
</form>
<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Close</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="close">
<div class="field"><label for="f-outcome_category">Outcome</label>
<select id="f-outcome_category" name="outcome_category">{{#outcomes}}<option value="{{code}}">{{label}}</option>{{/outcomes}}</select></div>
<div class="field{{#err_outcome}} has-error{{/err_outcome}}"><label for="f-outcome">What was done (required; the reporter sees only the outcome above)</label>
{{#err_outcome}}<p class="field-error">{{err_outcome}}</p>{{/err_outcome}}
<textarea id="f-outcome" name="outcome" rows="3" required></textarea></div>
<div class="actions"><button class="btn danger" type="submit">Close the concern</button></div>
</form>{{/not_concern_is_closed}}
{{#concern_is_closed}}<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Reopen</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="reopen">
<div class="field"><label for="f-reopen-text">Why it is reopened (required)</label>
<textarea id="f-reopen-text" name="text" rows="3" required></textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Reopen</button></div>
</form>{{/concern_is_closed}}
</section>
<p class="no-print"><a href="/concerns">Back to the queue</a></p>
