{{%AUTOESCAPE context="HTML"}}<h1>Records past their retention date</h1>
<p class="lead">Nothing is deleted automatically. Review each record below: delete it, or place a legal hold if it must be kept (a claim, an investigation, a request from the police or the local authority). Every deletion is written in the disposal register and the audit log, without the record's content.</p>
{{#not_due}}<p class="muted">No record is past its retention date today (<time datetime="{{today}}">{{today:x-uk-time}}</time>).</p>{{/not_due}}
{{#has_due}}<table class="data"><caption>Due for review</caption>
<thead><tr><th scope="col">Record</th><th scope="col">Rule</th><th scope="col">Due</th><th scope="col">Action</th></tr></thead><tbody>{{/has_due}}
{{#due}}<tr><td>{{record_type:x-record-type}} {{record_id}}: {{label}}</td><td>{{rule}}</td><td><time datetime="{{due}}">{{due:x-uk-time}}</time></td>
<td>{{#hold_reason}}<strong>Legal hold</strong> since <time datetime="{{held_since}}">{{held_since:x-uk-time}}</time>: <span class="multiline">{{hold_reason:pre_escape}}</span>{{/hold_reason}}{{#not_hold_reason}}
<form method="post" action="/admin/retention/delete"><input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="record_type" value="{{record_type}}"><input type="hidden" name="record_id" value="{{record_id}}">
<label for="d-{{record_type}}-{{record_id}}">Why</label> <input id="d-{{record_type}}-{{record_id}}" name="reason" type="text" required value="Retention period over">
<button class="btn danger" type="submit">Delete</button></form>{{/not_hold_reason}}</td></tr>
{{/due}}
{{#has_due}}</tbody></table>{{/has_due}}
<section class="card" aria-labelledby="h-holds"><h2 id="h-holds">Legal holds</h2>
{{#not_holds}}<p class="muted">No legal holds.</p>{{/not_holds}}
{{#has_holds}}<ul>{{/has_holds}}{{#holds}}<li>{{record_type:x-record-type}} {{record_id}}{{#label}}: {{label}}{{/label}}. Reason: <span class="multiline">{{reason:pre_escape}}</span> (placed <time datetime="{{placed_at}}">{{placed_at:x-uk-time}}</time> by {{placed_by_name}})
<form method="post" action="/admin/retention/release"><input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="record_type" value="{{record_type}}"><input type="hidden" name="record_id" value="{{record_id}}">
<label for="r-{{record_type}}-{{record_id}}">Why release</label> <input id="r-{{record_type}}-{{record_id}}" name="reason" type="text" required>
<button class="btn secondary" type="submit">Release</button></form></li>{{/holds}}{{#has_holds}}</ul>{{/has_holds}}
<form class="stack" method="post" action="/admin/retention/hold"><input type="hidden" name="csrf" value="{{csrf}}">
<h3>Place a legal hold</h3>
<div class="field{{#err_record_type}} has-error{{/err_record_type}}"><label for="f-record_type">Record type</label>
{{#err_record_type}}<p class="field-error" id="e-record_type">{{err_record_type}}</p>{{/err_record_type}}
<select id="f-record_type" name="record_type"{{#err_record_type}} aria-describedby="e-record_type" aria-invalid="true"{{/err_record_type}}><option value="concern"{{#chose_record_type_concern}} selected{{/chose_record_type_concern}}>Concern</option><option value="signature"{{#chose_record_type_signature}} selected{{/chose_record_type_signature}}>Signature</option><option value="decline"{{#chose_record_type_decline}} selected{{/chose_record_type_decline}}>Declined agreement</option><option value="acknowledgement"{{#chose_record_type_acknowledgement}} selected{{/chose_record_type_acknowledgement}}>Yearly signature again</option><option value="training"{{#chose_record_type_training}} selected{{/chose_record_type_training}}>Training record</option><option value="do_not_publish"{{#chose_record_type_do_not_publish}} selected{{/chose_record_type_do_not_publish}}>Pupil taken off the do-not-publish list</option><option value="do_not_film"{{#chose_record_type_do_not_film}} selected{{/chose_record_type_do_not_film}}>Adult taken off the list of those not to be filmed</option><option value="contributor_paper"{{#chose_record_type_contributor_paper}} selected{{/chose_record_type_contributor_paper}}>Paper signature of a contributor who is not staff</option><option value="contributor_training"{{#chose_record_type_contributor_training}} selected{{/chose_record_type_contributor_training}}>Training of a contributor who is not staff</option><option value="sar"{{#chose_record_type_sar}} selected{{/chose_record_type_sar}}>Subject access request</option></select></div>
<div class="field{{#err_record_id}} has-error{{/err_record_id}}"><label for="f-record_id">Record number</label>
<p class="hint" id="h-record_id">As the list above gives it; for a concern, its reference (like C-2026-000001) will do.</p>
{{#err_record_id}}<p class="field-error" id="e-record_id">{{err_record_id}}</p>{{/err_record_id}}
<input id="f-record_id" name="record_id" type="text" maxlength="31" required value="{{form_record_id}}" aria-describedby="h-record_id{{#err_record_id}} e-record_id{{/err_record_id}}"{{#err_record_id}} aria-invalid="true"{{/err_record_id}}></div>
<div class="field{{#err_reason}} has-error{{/err_reason}}"><label for="f-reason">Reason</label>
{{#err_reason}}<p class="field-error" id="e-reason">{{err_reason}}</p>{{/err_reason}}
<input id="f-reason" name="reason" type="text" required value="{{form_reason}}"{{#err_reason}} aria-describedby="e-reason" aria-invalid="true"{{/err_reason}}></div>
<div class="actions"><button class="btn" type="submit">Place hold</button></div></form>
</section>
<section class="card" aria-labelledby="h-rules"><h2 id="h-rules">Retention rules (years)</h2>
{{#can_edit_rules}}{{#rules}}<form class="stack" method="post" action="/admin/retention/rules"><input type="hidden" name="csrf" value="{{csrf}}">
<div class="field"><label for="f-cs">Concerns about staff: years after the concern</label><input id="f-cs" name="concern_staff_years" type="number" min="1" max="100" value="{{concern_staff_years}}"></div>
<div class="field"><label for="f-rr">Concerns about staff: retirement review, years after the person leaves (staffroom does not hold dates of birth)</label><input id="f-rr" name="retirement_review_years" type="number" min="1" max="100" value="{{retirement_review_years}}"></div>
<div class="field"><label for="f-al">Allegations about staff (not malicious): years after the allegation, or the retirement review if later</label><input id="f-al" name="allegation_years" type="number" min="1" max="100" value="{{allegation_years}}"></div>
<div class="field"><label for="f-sg">Safeguarding concerns about pupils: years after closing (also when one names a member of staff, whose rule keeps it longer if it ends later)</label><input id="f-sg" name="safeguarding_years" type="number" min="1" max="100" value="{{safeguarding_years}}"></div>
<div class="field"><label for="f-co">Other concerns: years after closing</label><input id="f-co" name="concern_years" type="number" min="1" max="100" value="{{concern_years}}"></div>
<div class="field"><label for="f-sy">Signatures, declines and yearly signings again: years after the person leaves (a paper signature of a contributor who is not staff: after they stop running the account)</label><input id="f-sy" name="signature_years" type="number" min="1" max="100" value="{{signature_years}}"></div>
<div class="field"><label for="f-ty">Training records: years after the person leaves (a contributor who is not staff: after they stop running the account)</label><input id="f-ty" name="training_years" type="number" min="1" max="100" value="{{training_years}}"></div>
<div class="field"><label for="f-dp">Pupils taken off the do-not-publish list: years after (staffroom does not hold dates of birth)</label><input id="f-dp" name="do_not_publish_years" type="number" min="1" max="100" value="{{do_not_publish_years}}"></div>
<div class="field"><label for="f-df">Adults taken off the list of those not to be filmed: years after (a member of staff still on it when they left: years after leaving)</label><input id="f-df" name="do_not_film_years" type="number" min="1" max="100" value="{{do_not_film_years}}"></div>
<div class="field"><label for="f-sa">Subject access requests: years after the response was sent</label><input id="f-sa" name="sar_years" type="number" min="1" max="100" value="{{sar_years}}"></div>
<div class="actions"><button class="btn" type="submit">Save rules</button></div>
</form>{{/rules}}{{/can_edit_rules}}
{{#not_can_edit_rules}}{{#rules}}<dl class="facts">
<dt>Concerns about staff: years after the concern</dt><dd>{{concern_staff_years}}</dd>
<dt>Concerns about staff: retirement review, years after the person leaves (staffroom does not hold dates of birth)</dt><dd>{{retirement_review_years}}</dd>
<dt>Allegations about staff (not malicious): years after the allegation, or the retirement review if later</dt><dd>{{allegation_years}}</dd>
<dt>Safeguarding concerns about pupils: years after closing (also when one names a member of staff, whose rule keeps it longer if it ends later)</dt><dd>{{safeguarding_years}}</dd>
<dt>Other concerns: years after closing</dt><dd>{{concern_years}}</dd>
<dt>Signatures, declines and yearly signings again: years after the person leaves (a paper signature of a contributor who is not staff: after they stop running the account)</dt><dd>{{signature_years}}</dd>
<dt>Training records: years after the person leaves (a contributor who is not staff: after they stop running the account)</dt><dd>{{training_years}}</dd>
<dt>Pupils taken off the do-not-publish list: years after (staffroom does not hold dates of birth)</dt><dd>{{do_not_publish_years}}</dd>
<dt>Adults taken off the list of those not to be filmed: years after (a member of staff still on it when they left: years after leaving)</dt><dd>{{do_not_film_years}}</dd>
<dt>Subject access requests: years after the response was sent</dt><dd>{{sar_years}}</dd>
</dl>{{/rules}}
<p class="hint">Only the administrator changes these rules.</p>{{/not_can_edit_rules}}</section>
<section class="card" aria-labelledby="h-disposals"><h2 id="h-disposals">Disposal register (latest 50)</h2>
{{#not_disposals}}<p class="muted">Nothing has been deleted.</p>{{/not_disposals}}
{{#has_disposals}}<ul>{{/has_disposals}}{{#disposals}}<li><time datetime="{{at}}">{{at:x-uk-time}}</time>: {{record_type:x-record-type}} {{label}}, deleted by {{by_name}}: <span class="multiline">{{reason:pre_escape}}</span></li>{{/disposals}}{{#has_disposals}}</ul>{{/has_disposals}}
</section>
