{{%AUTOESCAPE context="HTML"}}{{#concern}}<h1>Concern {{reference}}</h1>
<p class="print-only print-warning">Confidential case file. Keep it locked away and shred it when it is no longer needed.</p>
<p class="lead"><span class="badge status-{{status}}">{{status:x-concern-status}}</span>{{#urgent}} <span class="badge status-urgent">Urgent</span>{{/urgent}}{{#overdue}} <span class="badge status-overdue">Overdue: not acknowledged by <time datetime="{{due_by}}">{{due_by:x-uk-time}}</time></span>{{/overdue}} · {{label}}</p>
{{#pattern}}<div class="notice warning" role="alert"><h2>A pattern to look at</h2>
<p>This is concern number {{count}} about the same member of staff within {{window_words}}. <a href="{{link}}">See all the concerns about them</a>.</p></div>{{/pattern}}
{{#advice}}<p class="notice">{{advice}}</p>{{/advice}}
{{#has_deadlines}}<section class="card" aria-labelledby="h-deadlines">
<h2 id="h-deadlines">Legal deadlines</h2>
<ul class="deadlines">{{#deadlines}}<li>{{label}}: by {{#met_at}}<time datetime="{{due_at}}">{{due_at:x-uk-time}}</time> · done <time datetime="{{met_at}}">{{met_at:x-uk-time}}</time>{{/met_at}}{{#not_met_at}}<time datetime="{{due_at}}">{{due_at:x-uk-due}}</time>{{/not_met_at}}{{#overdue}} <span class="badge status-overdue">Past the deadline</span>{{/overdue}}</li>{{/deadlines}}</ul>
</section>{{/has_deadlines}}
{{#adult}}<section class="card" aria-labelledby="h-adult">
<h2 id="h-adult">Concern about an adult (KCSIE part four)</h2>
{{#conflict_of_interest}}<div class="notice warning" role="alert"><p>This concern is about the headteacher and no chair of governors can act on it in staffroom: tell the LADO within one working day.</p></div>{{/conflict_of_interest}}
<dl class="facts"><dt>Threshold decision</dt><dd>{{#threshold}}{{#harm_threshold}}Meets the harm threshold: an allegation, to be reported to the LADO{{/harm_threshold}}{{#not_harm_threshold}}A low-level concern{{/not_harm_threshold}} · <time datetime="{{at}}">{{at:x-uk-time}}</time>{{#by}} by {{by}}{{/by}}</dd>
<dt>Why</dt><dd><span class="multiline">{{text:pre_escape}}</span></dd>
{{#action_taken}}<dt>Action taken</dt><dd><span class="multiline">{{action_taken:pre_escape}}</span></dd>{{/action_taken}}{{/threshold}}{{#not_threshold}}<span class="muted">not yet recorded: it is needed before the concern can close</span></dd>{{/not_threshold}}
{{#lado_due}}<dt>Tell the LADO by</dt><dd><time datetime="{{lado_due}}">{{lado_due:x-uk-time}}</time></dd>{{/lado_due}}
{{#has_lado}}<dt>The LADO</dt><dd>{{#lado_contact}}<span class="multiline">{{lado_contact:pre_escape}}</span>{{/lado_contact}}{{#not_lado_contact}}<span class="muted">not set: the administrator adds it on School settings; your local authority's website gives it</span>{{/not_lado_contact}}</dd>{{/has_lado}}
{{#malicious}}<dt>On the person's file</dt><dd>No: a malicious allegation is kept only until it is reviewed for deletion.</dd>{{/malicious}}
{{#copy_due}}<dt>Copy of the outcome given to the person</dt><dd>{{#copy_given_on}}<time datetime="{{copy_given_on}}">{{copy_given_on:x-uk-time}}</time>{{/copy_given_on}}{{#not_copy_given_on}}<span class="muted">not yet</span>{{/not_copy_given_on}}</dd>{{/copy_due}}</dl>
</section>{{/adult}}
{{#breach}}<section class="card" aria-labelledby="h-breach">
<h2 id="h-breach">Personal data breach</h2>
<dl class="facts"><dt>The school became aware</dt><dd><time datetime="{{aware_at}}">{{aware_at:x-uk-time}}</time></dd>
<dt>Decide on reporting to the ICO by</dt><dd>{{#decision_met}}<time datetime="{{decision_due}}">{{decision_due:x-uk-time}}</time>{{/decision_met}}{{#not_decision_met}}<time datetime="{{decision_due}}">{{decision_due:x-uk-due}}</time>{{/not_decision_met}} · {{deadline_words}}</dd>
<dt>Decision</dt><dd>{{decision_label}}{{#decided_at}} (<time datetime="{{decided_at}}">{{decided_at:x-uk-time}}</time>{{#decided_by}}, {{decided_by}}{{/decided_by}}){{/decided_at}}</dd>
{{#ico_reference}}<dt>ICO reference</dt><dd>{{ico_reference}}</dd>{{/ico_reference}}
{{#reasons}}<dt>Reasons</dt><dd><span class="multiline">{{reasons:pre_escape}}</span></dd>{{/reasons}}
<dt>The people affected were told</dt><dd>{{subjects_told_label}}</dd></dl>
{{#can_decide}}<form class="stack no-print" method="post" action="/concerns/{{id}}/events">
<h3>Record the decision on reporting to the ICO</h3>
<p class="hint">Record the reasons whatever the decision: a breach that is not reported is kept in the <a href="/breaches">breach log</a> with them. The ICO's reference can be added by recording the decision again.</p>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="ico_decision">
<fieldset class="field{{#err_decision}} has-error{{/err_decision}}" id="f-decision"{{#err_decision}} aria-describedby="e-decision"{{/err_decision}}><legend>Decision</legend>
{{#err_decision}}<p class="field-error" id="e-decision">{{err_decision}}</p>{{/err_decision}}
{{#decisions}}<label class="checkbox" for="f-decision-{{code}}"><input type="radio" id="f-decision-{{code}}" name="decision" value="{{code}}" required{{#chosen}} checked{{/chosen}}> {{label}}</label>
{{/decisions}}</fieldset>
<div class="field{{#again_ico_decision}}{{#err_text}} has-error{{/err_text}}{{/again_ico_decision}}"><label for="f-decision-text">Reasons (required)</label>
{{#again_ico_decision}}{{#err_text}}<p class="field-error" id="e-decision-text">{{err_text}}</p>{{/err_text}}{{/again_ico_decision}}
<textarea id="f-decision-text" name="text" rows="3" required{{#again_ico_decision}}{{#err_text}} aria-describedby="e-decision-text" aria-invalid="true"{{/err_text}}{{/again_ico_decision}}>&#10;{{#again_ico_decision}}{{form_text:pre_escape}}{{/again_ico_decision}}</textarea></div>
<div class="field{{#err_ico_reference}} has-error{{/err_ico_reference}}"><label for="f-ico_reference">ICO reference (only when reported)</label>
{{#err_ico_reference}}<p class="field-error" id="e-ico_reference">{{err_ico_reference}}</p>{{/err_ico_reference}}
<input id="f-ico_reference" name="ico_reference" type="text" maxlength="100" value="{{#again_ico_decision}}{{form_ico_reference}}{{/again_ico_decision}}"{{#err_ico_reference}} aria-describedby="e-ico_reference" aria-invalid="true"{{/err_ico_reference}}></div>
<fieldset id="f-subjects_told"><legend>Were the people affected told? (required when the risk to them is high)</legend>
<label class="checkbox" for="f-subjects_told-yes"><input type="radio" id="f-subjects_told-yes" name="subjects_told" value="yes"{{#chose_subjects_told_yes}} checked{{/chose_subjects_told_yes}}> Yes</label>
<label class="checkbox" for="f-subjects_told-no"><input type="radio" id="f-subjects_told-no" name="subjects_told" value="no"{{#chose_subjects_told_no}} checked{{/chose_subjects_told_no}}> No</label></fieldset>
<div class="actions"><button class="btn" type="submit">Record the decision</button></div>
</form>{{/can_decide}}
</section>{{/breach}}
{{#has_steps}}<section class="card" aria-labelledby="h-steps">
<h2 id="h-steps">What the policy asks</h2>
<p class="hint">The school's social media policy asks for these steps on a concern of this kind. Record each as done, or as not done with the reason, before the concern is closed; a later record corrects an earlier one, and every record stays in the chronology.</p>
{{#steps}}<section class="step" aria-labelledby="h-step-{{step}}">
<h3 id="h-step-{{step}}">{{label}} <span class="muted">({{cite_words}})</span></h3>
<dl class="facts"><dt>Where it stands</dt><dd>{{state_label}}</dd>
{{#recorded}}{{#done_words}}<dt>When and by whom</dt><dd>{{done_words}}</dd>{{/done_words}}
{{#reference}}<dt>Reference</dt><dd>{{reference}}</dd>{{/reference}}
{{#text}}<dt>Details or reason</dt><dd><span class="multiline">{{text:pre_escape}}</span></dd>{{/text}}
<dt>Recorded</dt><dd>{{recorded_by}}, <time datetime="{{recorded_at}}">{{recorded_at:x-uk-time}}</time></dd>{{/recorded}}</dl>
{{#may_record}}<form class="stack no-print" method="post" action="/concerns/{{id}}/events" aria-labelledby="h-step-{{step}}">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="step"><input type="hidden" name="step" value="{{step}}">
<fieldset class="field{{#step_sent}}{{#err_outcome}} has-error{{/err_outcome}}{{/step_sent}}" id="f-{{step}}-outcome"{{#step_sent}}{{#err_outcome}} aria-describedby="e-step-outcome"{{/err_outcome}}{{/step_sent}}><legend>Was it done? (required)</legend>
{{#step_sent}}{{#err_outcome}}<p class="field-error" id="e-step-outcome">{{err_outcome}}</p>{{/err_outcome}}{{/step_sent}}
<label class="checkbox" for="f-{{step}}-done"><input type="radio" id="f-{{step}}-done" name="outcome" value="done" required{{#step_sent}}{{#chose_outcome_done}} checked{{/chose_outcome_done}}{{/step_sent}}> Done</label>
{{#refusal}}<label class="checkbox" for="f-{{step}}-refused"><input type="radio" id="f-{{step}}-refused" name="outcome" value="refused"{{#step_sent}}{{#chose_outcome_refused}} checked{{/chose_outcome_refused}}{{/step_sent}}> {{refusal}}</label>
{{/refusal}}<label class="checkbox" for="f-{{step}}-not_done"><input type="radio" id="f-{{step}}-not_done" name="outcome" value="not_done"{{#step_sent}}{{#chose_outcome_not_done}} checked{{/chose_outcome_not_done}}{{/step_sent}}> Not done</label></fieldset>
<div class="field{{#step_sent}}{{#err_text}} has-error{{/err_text}}{{/step_sent}}"><label for="f-{{step}}-text">Details, or the reason it was not done (required)</label>
{{#step_sent}}{{#err_text}}<p class="field-error" id="e-step-text">{{err_text}}</p>{{/err_text}}{{/step_sent}}
<textarea id="f-{{step}}-text" name="text" rows="3" required{{#step_sent}}{{#err_text}} aria-describedby="e-step-text" aria-invalid="true"{{/err_text}}{{/step_sent}}>&#10;{{#step_sent}}{{form_text:pre_escape}}{{/step_sent}}</textarea></div>
<div class="field"><label for="f-{{step}}-done_by">By whom, or with whom (leave empty for yourself)</label>
<input id="f-{{step}}-done_by" name="done_by" type="text" maxlength="200" value="{{#step_sent}}{{form_done_by}}{{/step_sent}}"></div>
<div class="field{{#step_sent}}{{#err_done_at}} has-error{{/err_done_at}}{{/step_sent}}"><label for="f-{{step}}-done_at">When (UK time; leave empty for now)</label>
{{#step_sent}}{{#err_done_at}}<p class="field-error" id="e-step-done_at">{{err_done_at}}</p>{{/err_done_at}}{{/step_sent}}
<input id="f-{{step}}-done_at" name="done_at" type="datetime-local" value="{{#step_sent}}{{form_done_at}}{{/step_sent}}"{{#step_sent}}{{#err_done_at}} aria-describedby="e-step-done_at" aria-invalid="true"{{/err_done_at}}{{/step_sent}}></div>
<div class="field"><label for="f-{{step}}-reference">Their reference (for example the police's crime number)</label>
<input id="f-{{step}}-reference" name="reference" type="text" maxlength="100" value="{{#step_sent}}{{form_reference}}{{/step_sent}}"></div>
<div class="actions"><button class="btn secondary" type="submit">Record this step</button></div>
</form>{{/may_record}}
</section>{{/steps}}
</section>{{/has_steps}}
<section class="card" aria-labelledby="h-report">
<h2 id="h-report">The report</h2>
<dl class="facts"><dt>Summary</dt><dd>{{summary}}</dd>
<dt>Reported by</dt><dd>{{#reporter_withheld}}<span class="muted">Name withheld: the reporter asked that only the headteacher (or the chair, for a concern about the headteacher) knows who raised it.</span>{{/reporter_withheld}}{{#not_reporter_withheld}}{{reporter}} ({{reporter_email}}){{#reporter_confidential}} · <strong>asked for confidentiality: do not share their name</strong>{{/reporter_confidential}}{{/not_reporter_withheld}}{{#self_referral}} · a self-referral{{/self_referral}}</dd>
<dt>Received</dt><dd><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></dd>
<dt>Acknowledge by</dt><dd>{{#acknowledged_at}}<time datetime="{{due_by}}">{{due_by:x-uk-time}}</time>{{/acknowledged_at}}{{#not_acknowledged_at}}{{#closed_at}}<time datetime="{{due_by}}">{{due_by:x-uk-time}}</time>{{/closed_at}}{{#not_closed_at}}<time datetime="{{due_by}}">{{due_by:x-uk-due}}</time>{{/not_closed_at}}{{/not_acknowledged_at}}{{#acknowledged_at}} · acknowledged <time datetime="{{acknowledged_at}}">{{acknowledged_at:x-uk-time}}</time>{{/acknowledged_at}}</dd>
<dt>Happened</dt><dd>{{#occurred_at}}<time datetime="{{occurred_at}}">{{occurred_at:x-uk-time}}</time>{{/occurred_at}}{{#not_occurred_at}}<span class="muted">not given</span>{{/not_occurred_at}}</dd>
{{#platform}}<dt>Site or app</dt><dd>{{platform}}</dd>{{/platform}}
{{#url}}<dt>Web address (not a link: copy it with care)</dt><dd>{{url}}</dd>{{/url}}
{{#involved}}<dt>Who is involved</dt><dd><span class="multiline">{{involved:pre_escape}}</span></dd>{{/involved}}
{{#about}}<dt>About</dt><dd>{{about}} ({{about_email}}){{#about_link}} · <a href="{{about_link}}">All concerns about this person</a>{{/about_link}}</dd>{{/about}}
<dt>Sent to</dt><dd>{{recipients:x-roles}}</dd>
<dt>Assigned to</dt><dd>{{#assignee}}{{assignee}} ({{assignee_email}}){{/assignee}}{{#not_assignee}}<span class="muted">nobody yet</span>{{/not_assignee}}</dd>
{{#closed_at}}<dt>Closed</dt><dd><time datetime="{{closed_at}}">{{closed_at:x-uk-time}}</time> · {{outcome_label}}</dd><dt>Outcome</dt><dd><span class="multiline">{{outcome:pre_escape}}</span></dd>{{/closed_at}}
{{#details}}<dt>What happened</dt><dd><span class="multiline">{{details:pre_escape}}</span></dd>{{/details}}</dl>
</section>
{{#image_report}}<section class="card" aria-labelledby="h-image">
<h2 id="h-image">The image, as described (never stored)</h2>
<dl class="facts">{{#indecent_image}}<dt>Kind</dt><dd>An indecent image of a child on a school device</dd>{{/indecent_image}}
<dt>Where it is</dt><dd>{{#image_location}}<span class="multiline">{{image_location:pre_escape}}</span>{{/image_location}}{{#not_image_location}}<span class="muted">not given</span>{{/not_image_location}}</dd>
<dt>Who has it</dt><dd>{{#image_holders}}<span class="multiline">{{image_holders:pre_escape}}</span>{{/image_holders}}{{#not_image_holders}}<span class="muted">not given</span>{{/not_image_holders}}</dd>
<dt>Who has seen it</dt><dd>{{#image_seen_by}}<span class="multiline">{{image_seen_by:pre_escape}}</span>{{/image_seen_by}}{{#not_image_seen_by}}<span class="muted">not given</span>{{/not_image_seen_by}}</dd>
<dt>An adult is involved</dt><dd>{{#adult_involved}}Yes: tell the police today{{/adult_involved}}{{#not_adult_involved}}No{{/not_adult_involved}}</dd>
<dt>Reporter told the DSL in person</dt><dd>{{#told_dsl}}Yes{{/told_dsl}}{{#not_told_dsl}}No{{/not_told_dsl}}</dd></dl>
</section>{{/image_report}}
<section class="card" aria-labelledby="h-evidence">
<h2 id="h-evidence">Evidence</h2>
{{#not_evidence}}<p class="muted">No files were attached.</p>{{/not_evidence}}
{{#has_evidence}}<ul class="evidence-list">{{/has_evidence}}
{{#evidence}}<li><a href="{{url}}">Download {{filename}}</a> <span class="muted">({{type}}, {{size_words}}, SHA-256 {{sha256}}{{#metadata_removed}}; stored without the picture's metadata (place, device); SHA-256 as uploaded {{original_sha256}}{{/metadata_removed}})</span>
{{#image}}<br><img src="{{url}}?inline=yes" alt="Evidence picture {{filename}}" loading="lazy" referrerpolicy="no-referrer">{{/image}}</li>
{{/evidence}}
{{#has_evidence}}</ul>{{/has_evidence}}
</section>
<section class="card" aria-labelledby="chronology" id="chronology-section">
<h2 id="chronology">Chronology</h2>
<ol class="timeline">
{{#events}}<li><span class="when"><time datetime="{{at}}">{{at:x-uk-time}}</time></span> <span class="who">{{#actor}}{{actor}}{{/actor}}{{#not_actor}}system{{/not_actor}}</span> <span class="what">{{what}}{{#internal}} <span class="muted">(internal)</span>{{/internal}}</span>{{#text}}<p><span class="multiline">{{text:pre_escape}}</span></p>{{/text}}</li>
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
<div class="field{{#again_note}}{{#err_text}} has-error{{/err_text}}{{/again_note}}"><label for="f-text">Note (seen only by those dealing with the concern)</label>
{{#again_note}}{{#err_text}}<p class="field-error" id="e-text">{{err_text}}</p>{{/err_text}}{{/again_note}}
<textarea id="f-text" name="text" rows="4" required{{#again_note}}{{#err_text}} aria-describedby="e-text" aria-invalid="true"{{/err_text}}{{/again_note}}>&#10;{{#again_note}}{{form_text:pre_escape}}{{/again_note}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Add note</button></div>
</form>
{{#not_concern_is_closed}}<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Assign</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="assign">
<div class="field{{#err_assignee}} has-error{{/err_assignee}}"><label for="f-assignee">Assign to</label>
{{#err_assignee}}<p class="field-error" id="e-assignee">{{err_assignee}}</p>{{/err_assignee}}
<select id="f-assignee" name="assignee" required{{#err_assignee}} aria-describedby="e-assignee" aria-invalid="true"{{/err_assignee}}>{{#assignees}}<option value="{{email}}"{{#chosen}} selected{{/chosen}}>{{name}} ({{email}})</option>{{/assignees}}</select></div>
<div class="actions"><button class="btn secondary" type="submit">Assign</button></div>
</form>
{{#has_statuses}}<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Change the status</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="status">
<div class="field{{#err_status}} has-error{{/err_status}}"><label for="f-status">New status</label>
{{#err_status}}<p class="field-error" id="e-status">{{err_status}}</p>{{/err_status}}
<select id="f-status" name="status" required{{#err_status}} aria-describedby="e-status" aria-invalid="true"{{/err_status}}>{{#statuses}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></div>
<p class="hint">Status moves forward only: New, Acknowledged, Investigating, Escalated, Closed.</p>
<div class="actions"><button class="btn secondary" type="submit">Change status</button></div>
</form>{{/has_statuses}}
<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Escalate</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="escalate">
<div class="field{{#err_to}} has-error{{/err_to}}"><label for="f-to">Escalated to</label>
{{#err_to}}<p class="field-error" id="e-to">{{err_to}}</p>{{/err_to}}
<select id="f-to" name="to" required{{#err_to}} aria-describedby="e-to" aria-invalid="true"{{/err_to}}>{{#bodies}}<option value="{{code}}"{{#chosen}} selected{{/chosen}}>{{label}}</option>{{/bodies}}</select></div>
<div class="field{{#again_escalate}}{{#err_reference}} has-error{{/err_reference}}{{/again_escalate}}"><label for="f-reference">Their reference (crime number, LADO or case number)</label>
{{#again_escalate}}{{#err_reference}}<p class="field-error" id="e-reference">{{err_reference}}</p>{{/err_reference}}{{/again_escalate}}
<input id="f-reference" name="reference" type="text" maxlength="100" value="{{#again_escalate}}{{form_reference}}{{/again_escalate}}"{{#again_escalate}}{{#err_reference}} aria-describedby="e-reference" aria-invalid="true"{{/err_reference}}{{/again_escalate}}></div>
<div class="field{{#again_escalate}}{{#err_text}} has-error{{/err_text}}{{/again_escalate}}"><label for="f-escalate-text">Details (for the LADO: their advice)</label>
{{#again_escalate}}{{#err_text}}<p class="field-error" id="e-escalate-text">{{err_text}}</p>{{/err_text}}{{/again_escalate}}
<textarea id="f-escalate-text" name="text" rows="3" maxlength="5000"{{#again_escalate}}{{#err_text}} aria-describedby="e-escalate-text" aria-invalid="true"{{/err_text}}{{/again_escalate}}>&#10;{{#again_escalate}}{{form_text:pre_escape}}{{/again_escalate}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Record escalation</button></div>
</form>
{{#concern_adult}}<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Threshold decision</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="threshold">
<fieldset class="field{{#err_level}} has-error{{/err_level}}" id="f-level"{{#err_level}} aria-describedby="e-level"{{/err_level}}><legend>Is it a low-level concern, or does it meet the harm threshold?</legend>
{{#err_level}}<p class="field-error" id="e-level">{{err_level}}</p>{{/err_level}}
<div class="field"><label class="checkbox" for="f-level-low"><input type="radio" id="f-level-low" name="level" value="low_level" required{{#chose_level_low_level}} checked{{/chose_level_low_level}} aria-describedby="h-level-low"> A low-level concern</label>
<p class="hint" id="h-level-low">Behaviour inconsistent with the staff code of conduct, no matter how small, that does not meet the harm threshold.</p></div>
<div class="field"><label class="checkbox" for="f-level-harm"><input type="radio" id="f-level-harm" name="level" value="harm_threshold"{{#chose_level_harm_threshold}} checked{{/chose_level_harm_threshold}} aria-describedby="h-level-harm"> Meets the harm threshold: an allegation</label>
<p class="hint" id="h-level-harm">The adult may have harmed a child, committed a criminal offence against or related to a child, behaved in a way that indicates they may pose a risk of harm to children, or in a way that indicates they may not be suitable to work with children. The LADO must be told within one working day.</p></div></fieldset>
<div class="field{{#again_threshold}}{{#err_text}} has-error{{/err_text}}{{/again_threshold}}"><label for="f-threshold-text">Why (required)</label>
{{#again_threshold}}{{#err_text}}<p class="field-error" id="e-threshold-text">{{err_text}}</p>{{/err_text}}{{/again_threshold}}
<textarea id="f-threshold-text" name="text" rows="3" required{{#again_threshold}}{{#err_text}} aria-describedby="e-threshold-text" aria-invalid="true"{{/err_text}}{{/again_threshold}}>&#10;{{#again_threshold}}{{form_text:pre_escape}}{{/again_threshold}}</textarea></div>
<div class="field"><label for="f-action_taken">Action taken</label>
<textarea id="f-action_taken" name="action_taken" rows="2">&#10;{{#again_threshold}}{{form_action_taken:pre_escape}}{{/again_threshold}}</textarea></div>
<p class="hint">A later decision corrects an earlier one; the latest counts.</p>
<div class="actions"><button class="btn secondary" type="submit">Record the decision</button></div>
</form>{{/concern_adult}}
<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>A device confiscated or searched</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="device">
<p class="hint" id="device-hint">Record what was searched or confiscated, by whom, when, and what was done with it. Never open or copy an image on it.</p>
<div class="field"><label for="f-device">The device (for example "pupil's phone, black iPhone")</label>
<input id="f-device" name="device" type="text" maxlength="200" aria-describedby="device-hint" value="{{#again_device}}{{form_device}}{{/again_device}}"></div>
<div class="field{{#again_device}}{{#err_done_by}} has-error{{/err_done_by}}{{/again_device}}"><label for="f-done_by">Confiscated or searched by (leave empty for yourself)</label>
{{#again_device}}{{#err_done_by}}<p class="field-error" id="e-done_by">{{err_done_by}}</p>{{/err_done_by}}{{/again_device}}
<input id="f-done_by" name="done_by" type="text" maxlength="200" value="{{#again_device}}{{form_done_by}}{{/again_device}}"{{#again_device}}{{#err_done_by}} aria-describedby="e-done_by" aria-invalid="true"{{/err_done_by}}{{/again_device}}></div>
<div class="field{{#again_device}}{{#err_done_at}} has-error{{/err_done_at}}{{/again_device}}"><label for="f-done_at">When (UK time; leave empty for now)</label>
{{#again_device}}{{#err_done_at}}<p class="field-error" id="e-done_at">{{err_done_at}}</p>{{/err_done_at}}{{/again_device}}
<input id="f-done_at" name="done_at" type="datetime-local" value="{{#again_device}}{{form_done_at}}{{/again_device}}"{{#again_device}}{{#err_done_at}} aria-describedby="e-done_at" aria-invalid="true"{{/err_done_at}}{{/again_device}}></div>
<div class="field"><label for="f-kept_at">Where it is kept</label>
<input id="f-kept_at" name="kept_at" type="text" maxlength="200" value="{{#again_device}}{{form_kept_at}}{{/again_device}}"></div>
<div class="field"><label for="f-handed_to">Handed to (for example a police officer and their collar number)</label>
<input id="f-handed_to" name="handed_to" type="text" maxlength="200" value="{{#again_device}}{{form_handed_to}}{{/again_device}}"></div>
<div class="field{{#again_device}}{{#err_text}} has-error{{/err_text}}{{/again_device}}"><label for="f-device-text">What happened (required)</label>
{{#again_device}}{{#err_text}}<p class="field-error" id="e-device-text">{{err_text}}</p>{{/err_text}}{{/again_device}}
<textarea id="f-device-text" name="text" rows="3" required{{#again_device}}{{#err_text}} aria-describedby="e-device-text" aria-invalid="true"{{/err_text}}{{/again_device}}>&#10;{{#again_device}}{{form_text:pre_escape}}{{/again_device}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Record the device</button></div>
</form>
<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Close</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="close">
{{#not_concern_allegation}}<div class="field"><label for="f-outcome_category">Outcome</label>
<select id="f-outcome_category" name="outcome_category"{{#err_outcome_category}} aria-describedby="e-outcome_category" aria-invalid="true"{{/err_outcome_category}}>{{#outcomes}}<option value="{{code}}"{{#chosen}} selected{{/chosen}}>{{label}}</option>{{/outcomes}}</select></div>{{/not_concern_allegation}}
{{#concern_allegation}}<fieldset class="field{{#err_outcome_category}} has-error{{/err_outcome_category}}" id="f-outcome_category"><legend>Outcome of the allegation (KCSIE part four)</legend>
{{#err_outcome_category}}<p class="field-error" id="e-outcome_category">{{err_outcome_category}}</p>{{/err_outcome_category}}
{{#outcomes}}<div class="field"><label class="checkbox" for="f-oc-{{code}}"><input type="radio" id="f-oc-{{code}}" name="outcome_category" value="{{code}}" required{{#chosen}} checked{{/chosen}} aria-describedby="h-oc-{{code}}"> {{label}}</label>
<p class="hint" id="h-oc-{{code}}">{{definition}}</p></div>{{/outcomes}}</fieldset>{{/concern_allegation}}
<div class="field{{#again_close}}{{#err_outcome}} has-error{{/err_outcome}}{{/again_close}}"><label for="f-outcome">What was done (required; the reporter sees only the outcome above){{#concern_allegation}}: for an allegation, the summary for the person's file{{/concern_allegation}}</label>
{{#again_close}}{{#err_outcome}}<p class="field-error" id="e-outcome">{{err_outcome}}</p>{{/err_outcome}}{{/again_close}}
<textarea id="f-outcome" name="outcome" rows="3" required{{#again_close}}{{#err_outcome}} aria-describedby="e-outcome" aria-invalid="true"{{/err_outcome}}{{/again_close}}>&#10;{{#again_close}}{{form_outcome:pre_escape}}{{/again_close}}</textarea></div>
<div class="actions"><button class="btn danger" type="submit">Close the concern</button></div>
</form>{{/not_concern_is_closed}}
{{#concern_copy_due}}<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Copy of the outcome given to the person</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="copy_given">
<div class="field{{#err_date}} has-error{{/err_date}}"><label for="f-copy-date">Date the copy was given (required)</label>
{{#err_date}}<p class="field-error" id="e-copy-date">{{err_date}}</p>{{/err_date}}
<input id="f-copy-date" name="date" type="date" required value="{{#again_copy_given}}{{form_date}}{{/again_copy_given}}"{{#err_date}} aria-describedby="e-copy-date" aria-invalid="true"{{/err_date}}></div>
<div class="field"><label for="f-copy-text">Note</label>
<textarea id="f-copy-text" name="text" rows="2">&#10;{{#again_copy_given}}{{form_text:pre_escape}}{{/again_copy_given}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Record the copy given</button></div>
</form>{{/concern_copy_due}}
{{#concern_is_closed}}<form class="stack card" method="post" action="/concerns/{{concern_id}}/events">
<h3>Reopen</h3>
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="action" value="reopen">
<div class="field{{#again_reopen}}{{#err_text}} has-error{{/err_text}}{{/again_reopen}}"><label for="f-reopen-text">Why it is reopened (required)</label>
{{#again_reopen}}{{#err_text}}<p class="field-error" id="e-reopen-text">{{err_text}}</p>{{/err_text}}{{/again_reopen}}
<textarea id="f-reopen-text" name="text" rows="3" required{{#again_reopen}}{{#err_text}} aria-describedby="e-reopen-text" aria-invalid="true"{{/err_text}}{{/again_reopen}}>&#10;{{#again_reopen}}{{form_text:pre_escape}}{{/again_reopen}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">Reopen</button></div>
</form>{{/concern_is_closed}}
</section>
<p class="no-print"><a href="/concerns">Back to the queue</a></p>
