{{%AUTOESCAPE context="HTML"}}<h1>{{policy_title}}</h1>
<dl class="facts"><dt>Applies to</dt><dd>{{policy_applies_to:x-staff-types}}</dd><dt>Created</dt><dd><time datetime="{{policy_created_at}}">{{policy_created_at:x-uk-time}}</time></dd></dl>
<h2>Versions</h2>
{{#not_versions}}<p class="notice">No version has been published yet.</p>{{/not_versions}}
{{#has_versions}}<div class="table-scroll" tabindex="0">
<table class="data">
<caption>Published versions, newest first</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">In effect from</th><th scope="col">Review due</th><th scope="col">What changed</th><th scope="col">Published</th></tr></thead>
<tbody>{{/has_versions}}
{{#versions}}<tr><th scope="row"><a href="/aup/{{version_id}}">Version {{version}}</a></th><td>{{#current}}<span class="badge status-active">Current</span>{{/current}}{{#upcoming}}<span class="badge status-pending">Not yet in effect</span>{{/upcoming}}{{#not_current}}{{#not_upcoming}}<span class="badge status-closed">Replaced</span>{{/not_upcoming}}{{/not_current}}</td><td><time datetime="{{effective}}">{{effective:x-uk-time}}</time></td><td><time datetime="{{review_due}}">{{review_due:x-uk-time}}</time></td><td><span class="multiline">{{summary:pre_escape}}</span></td><td><time datetime="{{published_at}}">{{published_at:x-uk-time}}</time>{{#published_by}} by {{published_by}}{{/published_by}}</td></tr>
{{/versions}}
{{#has_versions}}</tbody>
</table>
</div>{{/has_versions}}
<form class="stack card" method="post" action="/admin/policies/{{policy_id}}/versions">
<h2>Publish a new version</h2>
<p class="hint">You see the text as staff will see it before anything is published. A published version never changes. Everyone the policy applies to is told, and from the date it takes effect each of them is asked to sign it.</p>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_body}} has-error{{/err_body}}"><label for="f-body">The text, in Markdown</label>
<p class="hint">Start section headings with # or ##: they are placed under the policy's title, which is the page's main heading. HTML is not allowed and is shown as text removed.</p>
{{#err_body}}<p class="field-error" id="e-body">{{err_body}}</p>{{/err_body}}
<textarea id="f-body" name="body" rows="20" required{{#err_body}} aria-describedby="e-body"{{/err_body}}>&#10;{{form_body:pre_escape}}</textarea></div>
<div class="field{{#err_summary}} has-error{{/err_summary}}"><label for="f-summary">What changed in this version</label>
<p class="hint">Shown to everyone asked to sign it.</p>
{{#err_summary}}<p class="field-error" id="e-summary">{{err_summary}}</p>{{/err_summary}}
<textarea id="f-summary" name="summary" rows="3" required{{#err_summary}} aria-describedby="e-summary"{{/err_summary}}>&#10;{{form_summary:pre_escape}}</textarea></div>
<div class="field{{#err_effective}} has-error{{/err_effective}}"><label for="f-effective">Takes effect on</label>
{{#err_effective}}<p class="field-error" id="e-effective">{{err_effective}}</p>{{/err_effective}}
<input id="f-effective" name="effective" type="date" required value="{{form_effective}}"{{#err_effective}} aria-describedby="e-effective"{{/err_effective}}></div>
<div class="field{{#err_review_due}} has-error{{/err_review_due}}"><label for="f-review_due">Review due by</label>
{{#err_review_due}}<p class="field-error" id="e-review_due">{{err_review_due}}</p>{{/err_review_due}}
<input id="f-review_due" name="review_due" type="date" required value="{{form_review_due}}"{{#err_review_due}} aria-describedby="e-review_due"{{/err_review_due}}></div>
<div class="actions"><button class="btn" type="submit">Preview before publishing</button></div>
</form>
<p><a href="/admin/policies">Back to policies</a></p>
