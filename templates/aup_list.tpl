{{%AUTOESCAPE context="HTML"}}<h1>Agreements</h1>
<p class="lead">The policies you are asked to read and sign. Each shows its current version and whether you have signed it.</p>
{{#not_policies}}<p class="notice">There is nothing for you to sign at the moment.</p>{{/not_policies}}
{{#has_policies}}<div class="table-scroll" tabindex="0">
<table class="data">
<caption>Policies that apply to you</caption>
<thead><tr><th scope="col">Policy</th><th scope="col">Version</th><th scope="col">In effect from</th><th scope="col">Your signature</th></tr></thead>
<tbody>{{/has_policies}}
{{#policies}}<tr><th scope="row"><a href="/aup/{{version_id}}">{{title}}</a></th><td class="num">{{version}}</td><td><time datetime="{{effective}}">{{effective:x-uk-time}}</time></td>
<td>{{#signed}}<span class="badge status-signed">Signed</span> <time datetime="{{signed_at}}">{{signed_at:x-uk-time}}</time>{{#signed_again_at}}, signed again <time datetime="{{signed_again_at}}">{{signed_again_at:x-uk-time}}</time>{{/signed_again_at}} · <a href="/aup/{{version_id}}/record">Record</a>{{/signed}}{{#not_signed}}<span class="badge status-unsigned">Not signed</span>{{#renewal_due}} It is signed again every year: you signed it before this year's renewal.{{/renewal_due}}{{#not_renewal_due}}{{#signed_earlier}} You signed an earlier version: this one has changed.{{/signed_earlier}}{{/not_renewal_due}} <a href="/aup/{{version_id}}">Read and sign</a>{{/not_signed}}</td></tr>
{{/policies}}
{{#has_policies}}</tbody>
</table>
</div>{{/has_policies}}
{{#has_upcoming}}<h2>Coming soon</h2>
<ul>{{/has_upcoming}}
{{#upcoming}}<li><a href="/aup/{{version_id}}">{{title}}, version {{version}}</a> takes effect on <time datetime="{{effective}}">{{effective:x-uk-time}}</time>. What changes: <span class="multiline">{{summary:pre_escape}}</span></li>
{{/upcoming}}
{{#has_upcoming}}</ul>{{/has_upcoming}}
{{#has_drafts}}<h2>Drafts awaiting authorisation</h2>
<p>Not in force: nobody is asked to sign a draft until it is authorised.</p>
<ul>{{/has_drafts}}
{{#drafts}}<li><a href="/aup/{{version_id}}">{{title}}, version {{version}}</a> (draft, saved <time datetime="{{saved_at}}">{{saved_at:x-uk-time}}</time>), to take effect on <time datetime="{{effective}}">{{effective:x-uk-time}}</time> once authorised. What changes: <span class="multiline">{{summary:pre_escape}}</span></li>
{{/drafts}}
{{#has_drafts}}</ul>{{/has_drafts}}
<h2>More</h2>
<ul>
<li><a href="/aup/history">My signatures</a></li>
{{#sees_compliance}}<li><a href="/aup/compliance">Compliance: who has signed</a></li>{{/sees_compliance}}
{{#is_admin}}<li><a href="/admin/policies">Manage policies and publish versions</a></li>{{/is_admin}}
</ul>
