{{%AUTOESCAPE context="HTML"}}<h1>Compliance</h1>
<p class="lead">Who has signed the current version of each policy. Only active people whose staff type a policy applies to are counted.</p>
{{#with_names}}<div class="actions">
<form method="post" action="/aup/compliance/remind"><input type="hidden" name="csrf" value="{{csrf}}"><button class="btn" type="submit">Remind everyone outstanding</button></form>
<a class="btn secondary" href="/aup/compliance.csv">Download the outstanding list (CSV)</a>
</div>{{/with_names}}
{{#not_policies}}<p class="notice">No policy has a version in effect yet.</p>{{/not_policies}}
{{#policies}}<section aria-labelledby="h-policy-{{version_id}}">
<h2 id="h-policy-{{version_id}}">{{title}}, version {{version}}</h2>
<p>In effect from <time datetime="{{effective}}">{{effective:x-uk-time}}</time>. Review due <time datetime="{{review_due}}">{{review_due:x-uk-due}}</time>{{#review_overdue}} <span class="badge status-overdue">Review overdue</span>{{/review_overdue}}. <a href="/aup/{{version_id}}">Read this version</a></p>
<ul class="stats">
<li class="stat"><span class="stat-value">{{required}}</span> <span class="stat-label">must sign</span></li>
<li class="stat"><span class="stat-value">{{signed}}</span> <span class="stat-label">have signed</span></li>
<li class="stat"><span class="stat-value">{{percent}}%</span> <span class="stat-label">signed</span></li>
<li class="stat"><span class="stat-value">{{outstanding_total}}</span> <span class="stat-label">outstanding</span></li>
</ul>
{{#has_previous}}<p>Of those still to sign, <strong>{{signed_previous_only}}</strong> signed version {{previous_number}} but not this one yet.</p>{{/has_previous}}
<div class="grid">
<div class="table-scroll" tabindex="0"><table class="data">
<caption>By department</caption>
<thead><tr><th scope="col">Department</th><th scope="col" class="num">Must sign</th><th scope="col" class="num">Signed</th><th scope="col" class="num">Per cent</th></tr></thead>
<tbody>{{#by_department}}<tr><th scope="row">{{department}}{{#not_department}}(none){{/not_department}}</th><td class="num">{{required}}</td><td class="num">{{signed}}</td><td class="num">{{percent}}%</td></tr>
{{/by_department}}</tbody></table></div>
<div class="table-scroll" tabindex="0"><table class="data">
<caption>By staff type</caption>
<thead><tr><th scope="col">Staff type</th><th scope="col" class="num">Must sign</th><th scope="col" class="num">Signed</th><th scope="col" class="num">Per cent</th></tr></thead>
<tbody>{{#by_staff_type}}<tr><th scope="row">{{staff_type:x-staff-type}}</th><td class="num">{{required}}</td><td class="num">{{signed}}</td><td class="num">{{percent}}%</td></tr>
{{/by_staff_type}}</tbody></table></div>
</div>
{{#has_outstanding}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>Still to sign, longest waiting first{{#paged}} (page {{page}} of {{pages}}){{/paged}}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Department</th><th scope="col">Staff type</th><th scope="col" class="num">Days waiting</th>{{#has_previous}}<th scope="col">Earlier versions</th>{{/has_previous}}</tr></thead>
<tbody>{{/has_outstanding}}{{#outstanding}}<tr><th scope="row">{{name}}</th><td>{{email}}</td><td>{{department}}</td><td>{{staff_type:x-staff-type}}</td><td class="num">{{days}}</td>{{#has_previous}}<td>{{#previous_version}}Signed version {{previous_version}} on <time datetime="{{previous_signed_at}}">{{previous_signed_at:x-uk-time}}</time>{{/previous_version}}{{#not_previous_version}}Never signed{{/not_previous_version}}</td>{{/has_previous}}</tr>
{{/outstanding}}{{#has_outstanding}}</tbody></table></div>{{/has_outstanding}}
{{#past_end}}<p class="notice">There is no page {{page}} of the people still to sign this version: the last page is {{pages}}.</p>{{/past_end}}
{{#paged}}<nav class="pagination" aria-label="Pages of the people still to sign {{title}}, version {{version}}">{{#prev_page}}<a href="/aup/compliance?page={{prev_page}}#h-policy-{{version_id}}">Previous page</a> {{/prev_page}}{{#next_page}}<a href="/aup/compliance?page={{next_page}}#h-policy-{{version_id}}">Next page</a>{{/next_page}}</nav>{{/paged}}
</section>
{{/policies}}
{{#not_with_names}}<p class="muted">As a governor you see the figures only; names are shown to the school's leaders.</p>{{/not_with_names}}
