{{%AUTOESCAPE context="HTML"}}<h1>{{policy_title}}, version {{policy_version}}</h1>
<dl class="facts">
<dt>Status</dt><dd>{{#policy_is_current}}<span class="badge status-active">Current version</span>{{/policy_is_current}}{{#not_policy_is_current}}<span class="badge status-pending">Not the current version: {{policy_status:x-policy-status}}</span> It can be read but not signed.{{/not_policy_is_current}}</dd>
<dt>Authorised by</dt><dd>{{#policy_authorisation}}{{authoriser_name}}{{#by_headteacher}}, {{job_title}}{{/by_headteacher}}{{#by_meeting}}, meeting of <time datetime="{{meeting_date}}">{{meeting_date:x-uk-time}}</time>{{#minute_ref}}, minute {{minute_ref}}{{/minute_ref}}{{/by_meeting}}; authorised on <time datetime="{{authorised_on}}">{{authorised_on:x-uk-time}}</time>{{/policy_authorisation}}{{#not_policy_authorisation}}{{#policy_draft}}Not yet: this is a draft, read by the administrator and the school's leaders only.{{/policy_draft}}{{#not_policy_draft}}Published without a recorded authorisation.{{/not_policy_draft}}{{/not_policy_authorisation}}</dd>
<dt>In effect from</dt><dd><time datetime="{{policy_effective}}">{{policy_effective:x-uk-time}}</time></dd>
<dt>Review due</dt><dd>{{#policy_review_term}}{{policy_review_term}}, from {{/policy_review_term}}<time datetime="{{policy_review_due}}">{{policy_review_due:x-uk-due}}</time></dd>
<dt>What changed</dt><dd><span class="multiline">{{policy_summary:pre_escape}}</span></dd>
<dt>Fingerprint (SHA-256)</dt><dd><code>{{policy_sha256}}</code></dd>
<dt>Your signature</dt><dd>{{#signature}}{{#paper}}Signed on paper on <time datetime="{{paper_date}}">{{paper_date:x-uk-time}}</time>, recorded by {{recorded_by}}{{/paper}}{{#not_paper}}Signed <time datetime="{{signed_at}}">{{signed_at:x-uk-time}}</time>{{/not_paper}} · <a href="/aup/{{policy_version_id}}/record">Printable record</a>{{/signature}}{{#not_signature}}{{#applies}}Not signed{{/applies}}{{#not_applies}}This policy does not apply to your staff type.{{/not_applies}}{{/not_signature}}</dd>
</dl>
<section class="policy-body" aria-label="The text of the policy">
{{#policy}}{{body:x-markdown}}{{/policy}}
</section>
{{#can_sign}}<form class="stack card" method="post" action="/aup/sign">
<h2>Sign this agreement</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="version_id" value="{{policy_version_id}}">
<div class="field{{#err_agree}} has-error{{/err_agree}}" id="f-agree-field">
{{#err_agree}}<p class="field-error" id="e-agree">{{err_agree}}</p>{{/err_agree}}
<label class="checkbox" for="f-agree"><input id="f-agree" name="agree" type="checkbox" value="yes"{{#form_agree}} checked{{/form_agree}}{{#err_agree}} aria-describedby="e-agree" aria-invalid="true"{{/err_agree}}> I have read this agreement and I agree to follow it.</label></div>
<div class="field{{#err_typed_name}} has-error{{/err_typed_name}}"><label for="f-typed_name">Type your full name to sign</label>
<p class="hint">As it appears on your account: {{account_name}}</p>
{{#err_typed_name}}<p class="field-error" id="e-typed_name">{{err_typed_name}}</p>{{/err_typed_name}}
<input id="f-typed_name" name="typed_name" type="text" required autocomplete="name" value="{{form_typed_name}}"{{#err_typed_name}} aria-describedby="e-typed_name" aria-invalid="true"{{/err_typed_name}}></div>
<p class="hint">Your name, the time, your network address and browser, and a fingerprint of the exact text above are recorded.</p>
<div class="actions"><button class="btn" type="submit">Sign</button></div>
</form>{{/can_sign}}
{{#renewal_due}}<p class="notice">This policy is signed again every year from <time datetime="{{renew_date}}">{{renew_date:x-uk-time}}</time>. Your signature came before that date: please read it and sign it again.</p>{{/renewal_due}}
{{#decline_stands}}{{#declined}}<p class="notice">You said you do not agree, on <time datetime="{{declined_at}}">{{declined_at:x-uk-time}}</time>: <span class="multiline">{{reason:pre_escape}}</span> The headteacher has been told. You can still sign it.</p>{{/declined}}{{/decline_stands}}
{{#can_decline}}<form class="stack card" method="post" action="/aup/decline">
<h2>I do not agree</h2>
<p class="hint" id="h-reason">If you cannot agree to this version, say why. The headteacher is told and reads your reason; you can still sign it later.</p>
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="version_id" value="{{policy_version_id}}">
<div class="field{{#err_reason}} has-error{{/err_reason}}"><label for="f-reason">Why you do not agree</label>
{{#err_reason}}<p class="field-error" id="e-reason">{{err_reason}}</p>{{/err_reason}}
<textarea id="f-reason" name="reason" rows="4" maxlength="2000" required aria-describedby="h-reason{{#err_reason}} e-reason{{/err_reason}}"{{#err_reason}} aria-invalid="true"{{/err_reason}}>&#10;{{form_reason:pre_escape}}</textarea></div>
<div class="actions"><button class="btn secondary" type="submit">I do not agree</button></div>
</form>{{/can_decline}}
{{#has_others}}<h2>Other versions</h2>
<ul>{{/has_others}}
{{#others}}<li><a href="/aup/{{version_id}}">Version {{version}}</a>, in effect from <time datetime="{{effective}}">{{effective:x-uk-time}}</time>: <span class="multiline">{{summary:pre_escape}}</span></li>
{{/others}}
{{#has_others}}</ul>{{/has_others}}
<p class="no-print"><a href="/aup">Back to agreements</a></p>
