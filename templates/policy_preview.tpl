{{%AUTOESCAPE context="HTML"}}{{#preview}}<h1>{{title}}: check version {{number}} before saving it</h1>
<p class="lead">Nothing has been saved yet. Below is the text as staff will see it under the policy's title. Save it as a draft, to be authorised before it is published, or go back and change it.</p>
<dl class="facts card"><dt>Takes effect on</dt><dd><time datetime="{{effective}}">{{effective:x-uk-time}}</time></dd>
<dt>Review due by</dt><dd><time datetime="{{review_due}}">{{review_due:x-uk-time}}</time></dd>
<dt>Who must sign it</dt><dd>{{applies_to:x-staff-types}}</dd>
<dt>What changed in this version</dt><dd><span class="multiline">{{summary:pre_escape}}</span></dd></dl>
<div class="card policy-text policy-preview">
{{body:x-markdown}}
</div>
<form class="stack card" method="post" action="/admin/policies/{{policy_id}}/versions">
<input type="hidden" name="csrf" value="{{csrf}}">
<div hidden><label for="c-body">The text, in Markdown</label><textarea id="c-body" name="body">&#10;{{body:pre_escape}}</textarea>
<label for="c-summary">What changed in this version</label><textarea id="c-summary" name="summary">&#10;{{summary:pre_escape}}</textarea>
<label for="c-effective">Takes effect on</label><input id="c-effective" name="effective" type="date" value="{{effective}}">
<label for="c-review_due">Review due by</label><input id="c-review_due" name="review_due" type="text" value="{{review_due}}"></div>
<div class="actions"><button class="btn" type="submit" name="confirm" value="yes">Save as a draft</button> <button class="btn secondary" type="submit" name="confirm" value="change">Change it</button></div>
</form>{{/preview}}
