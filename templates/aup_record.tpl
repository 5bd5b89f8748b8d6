{{%AUTOESCAPE context="HTML"}}<h1>Record of my signature</h1>
<div class="signature-record">
<h2>{{version_title}}, version {{version_version}}</h2>
<dl class="facts">
<dt>Signed by</dt><dd>{{signature_name}} ({{signature_email}})</dd>
<dt>Name typed</dt><dd>{{signature_typed_name}}</dd>
{{#signature_paper}}<dt>Signed on paper</dt><dd>Signed on paper on <time datetime="{{paper_date}}">{{paper_date:x-uk-time}}</time>, recorded by {{recorded_by}} on <time datetime="{{recorded_at}}">{{recorded_at:x-uk-time}}</time></dd>{{/signature_paper}}
<dt>Signed at (UK time)</dt><dd><time datetime="{{signature_signed_at}}">{{signature_signed_at:x-uk-time}}</time></dd>
<dt>Network address</dt><dd>{{signature_address}}{{#not_signature_address}}not known{{/not_signature_address}}</dd>
<dt>Browser</dt><dd>{{signature_user_agent}}{{#not_signature_user_agent}}not known{{/not_signature_user_agent}}</dd>
{{#has_signed_again}}<dt>Signed again for the year</dt><dd><ul>{{/has_signed_again}}{{#signed_again}}<li>{{#paper}}Signed on paper on <time datetime="{{paper_date}}">{{paper_date:x-uk-time}}</time>, recorded by {{recorded_by}} on <time datetime="{{recorded_at}}">{{recorded_at:x-uk-time}}</time>{{/paper}}{{#not_paper}}<time datetime="{{acknowledged_at}}">{{acknowledged_at:x-uk-time}}</time> (UK time), name typed {{typed_name}}, from {{address}}{{#not_address}}an address not known{{/not_address}}, {{user_agent}}{{#not_user_agent}}a browser not known{{/not_user_agent}}{{/not_paper}}; SHA-256 <code>{{body_sha256}}</code></li>
{{/signed_again}}{{#has_signed_again}}</ul></dd>{{/has_signed_again}}
<dt>Version authorised by</dt><dd>{{#version_authorisation}}{{authoriser_name}}{{#by_headteacher}}, {{job_title}}{{/by_headteacher}}{{#by_meeting}}, meeting of <time datetime="{{meeting_date}}">{{meeting_date:x-uk-time}}</time>{{#minute_ref}}, minute {{minute_ref}}{{/minute_ref}}{{/by_meeting}}; authorised on <time datetime="{{authorised_on}}">{{authorised_on:x-uk-time}}</time>{{/version_authorisation}}{{#not_version_authorisation}}Published without a recorded authorisation.{{/not_version_authorisation}}</dd>
<dt>Version in effect from</dt><dd><time datetime="{{version_effective}}">{{version_effective:x-uk-time}}</time></dd>
<dt>SHA-256 of the text signed</dt><dd><code>{{signature_body_sha256}}</code></dd>
</dl>
</div>
<p class="no-print"><a href="/aup/{{version_version_id}}">Read this version</a> · <a href="/aup/history">My signatures</a> · Use your browser's Print command to keep a paper copy.</p>
<h2>The text I signed</h2>
<section class="policy-body" aria-label="The text signed">
{{#version}}{{body:x-markdown}}{{/version}}
</section>
