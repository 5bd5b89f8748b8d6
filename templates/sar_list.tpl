{{%AUTOESCAPE context="HTML"}}<h1>Subject access requests</h1>
<p class="lead">A member of staff may ask for a copy of the personal data the school holds about them. The response is due one calendar month after the request was received: the same date next month, or the last day of next month when there is no such date. A date on a Saturday or Sunday moves to the Monday; bank holidays and closure days do not move it.</p>
{{#is_dpo}}<div class="notice"><h2>What the data protection officer receives</h2>
<p>As data protection officer you receive reports of personal data breaches, the <a href="/breaches">breach log</a> and these requests. You do not see other concerns unless one is sent or assigned to you.</p></div>{{/is_dpo}}
<p class="hint">Staffroom holds records about its staff only: a request from anyone else (a parent, a pupil, a former pupil) is answered outside staffroom. A request about you is never shown to you here.</p>
{{#not_requests}}<p class="muted">No subject access request has been recorded.</p>{{/not_requests}}
{{#has_requests}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Requests, open ones first, soonest due first</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Person</th><th scope="col">Received</th><th scope="col">Response due</th><th scope="col">Response sent</th></tr></thead><tbody>{{/has_requests}}
{{#requests}}<tr><th scope="row"><a href="{{url}}">{{reference}}</a></th><td>{{name}} ({{email}})</td><td><time datetime="{{received_on}}">{{received_on:x-uk-time}}</time></td><td>{{#responded_on}}<time datetime="{{due_on}}">{{due_on:x-uk-time}}</time>{{/responded_on}}{{#not_responded_on}}<time datetime="{{due_on}}">{{due_on:x-uk-due}}</time>{{/not_responded_on}}{{#overdue}} <span class="badge status-overdue">Overdue</span>{{/overdue}}</td><td>{{#responded_on}}<time datetime="{{responded_on}}">{{responded_on:x-uk-time}}</time>{{/responded_on}}{{#not_responded_on}}<span class="muted">not yet</span>{{/not_responded_on}}</td></tr>
{{/requests}}
{{#has_requests}}</tbody></table></div>{{/has_requests}}
<form class="stack card" method="post" action="/sar">
<h2>Record a request</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_email}} has-error{{/err_email}}"><label for="f-email">E-mail address of the member of staff who asked</label>
{{#err_email}}<p class="field-error" id="e-email">{{err_email}}</p>{{/err_email}}
<input id="f-email" name="email" type="email" required value="{{form_email}}"{{#err_email}} aria-describedby="e-email" aria-invalid="true"{{/err_email}}></div>
<div class="field{{#err_received_on}} has-error{{/err_received_on}}"><label for="f-received_on">Date the request was received</label>
<p class="hint" id="h-received_on">The one-month deadline counts from this date. Today is <time datetime="{{today}}">{{today:x-uk-time}}</time>.</p>
{{#err_received_on}}<p class="field-error" id="e-received_on">{{err_received_on}}</p>{{/err_received_on}}
<input id="f-received_on" name="received_on" type="date" required aria-describedby="h-received_on{{#err_received_on}} e-received_on{{/err_received_on}}"{{#err_received_on}} aria-invalid="true"{{/err_received_on}} value="{{form_received_on}}"></div>
<div class="field{{#err_notes}} has-error{{/err_notes}}"><label for="f-notes">Notes (how it was received, what was asked for)</label>
{{#err_notes}}<p class="field-error" id="e-notes">{{err_notes}}</p>{{/err_notes}}
<textarea id="f-notes" name="notes" rows="3"{{#err_notes}} aria-describedby="e-notes" aria-invalid="true"{{/err_notes}}>&#10;{{form_notes:pre_escape}}</textarea></div>
<div class="actions"><button class="btn" type="submit">Record the request</button></div>
</form>
