{{%AUTOESCAPE context="HTML"}}{{#request}}<h1>Subject access request {{reference}}</h1>
<p class="lead">{{#open}}Open{{/open}}{{#not_open}}Answered{{/not_open}}{{#overdue}} <span class="badge status-overdue">Overdue: the response was due by <time datetime="{{due_on}}">{{due_on:x-uk-time}}</time></span>{{/overdue}}</p>
<section class="card" aria-labelledby="h-request">
<h2 id="h-request">The request</h2>
<dl class="facts"><dt>Person</dt><dd>{{name}} ({{email}})</dd>
<dt>Received</dt><dd><time datetime="{{received_on}}">{{received_on:x-uk-time}}</time></dd>
<dt>Response due by</dt><dd>{{#open}}<time datetime="{{due_on}}">{{due_on:x-uk-due}}</time>{{/open}}{{#not_open}}<time datetime="{{due_on}}">{{due_on:x-uk-time}}</time>{{/not_open}} (one calendar month, a weekend moved to the Monday; holidays do not move it)</dd>
<dt>Response sent</dt><dd>{{#responded_on}}<time datetime="{{responded_on}}">{{responded_on:x-uk-time}}</time>{{/responded_on}}{{#not_responded_on}}<span class="muted">not yet</span>{{/not_responded_on}}</dd>
<dt>Recorded by</dt><dd>{{recorded_by}}, <time datetime="{{recorded_at}}">{{recorded_at:x-uk-time}}</time></dd>
{{#notes}}<dt>Notes</dt><dd><span class="multiline">{{notes:pre_escape}}</span></dd>{{/notes}}</dl>
</section>
<section class="card" aria-labelledby="h-export">
<h2 id="h-export">The export</h2>
<p>Everything staffroom holds about {{name}}, as a JSON file: their profile, signatures, training, the concerns they reported and what they were told, applications, notifications, e-mails and sign-in activity. Passwords, second-factor secrets and credentials are never in it. Each download is written in the audit log.</p>
<p class="hint">A concern about you is never shown to you, here or in the export you download, nor is any concern you may not open in staffroom (one sent to others: a concern about the headteacher goes to the chair of governors alone). If {{name}} may have reported a concern about you, ask the data protection officer or the headteacher, whichever of them you are not, to download the export; the full export, with every concern, is made on the server with <code>staffroom export</code>.</p>
<p><a class="btn" href="/sar/{{id}}/export">Download the export</a></p>
</section>
<section class="card" aria-labelledby="h-third">
<h2 id="h-third">Other people's details to consider before disclosure</h2>
<p class="hint">The export leaves out what other people wrote about {{name}}, who reported them and the notes of those who handled their reports. Each record below needs a decision before the response is sent.</p>
{{#not_third_parties}}<p class="muted">No record about this person mentions anyone else.</p>{{/not_third_parties}}
<ul>{{#third_parties}}<li><strong>{{reference}}</strong>: {{words}}</li>
{{/third_parties}}</ul>
</section>
{{#open}}<form class="stack card" method="post" action="/sar/{{id}}/close">
<h2>Record that the response was sent</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_responded_on}} has-error{{/err_responded_on}}"><label for="f-responded_on">Date the response was sent</label>
{{#err_responded_on}}<p class="field-error" id="e-responded_on">{{err_responded_on}}</p>{{/err_responded_on}}
<input id="f-responded_on" name="responded_on" type="date" required value="{{form_responded_on}}"{{#err_responded_on}} aria-describedby="e-responded_on" aria-invalid="true"{{/err_responded_on}}></div>
<div class="actions"><button class="btn" type="submit">Close the request</button></div>
</form>{{/open}}{{/request}}
<p><a href="/sar">All subject access requests</a></p>
