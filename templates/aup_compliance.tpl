{{%AUTOESCAPE context="HTML"}}<h1>Compliance</h1>
<p class="lead">Who has signed the current version of each policy. Only active people whose staff type a policy applies to are counted.</p>
{{#with_names}}<div class="actions">
<form method="post" action="/aup/compliance/remind"><input type="hidden" name="csrf" value="{{csrf}}"><button class="btn" type="submit">Remind everyone outstanding</button></form>
<a class="btn secondary" href="/aup/compliance.csv">Download the outstanding list (CSV)</a>
</div>
{{#paper_form}}<form class="stack card" method="post" action="/aup/compliance/paper">
<h2>Record a paper signature</h2>
<p class="hint">For someone who signed the agreement on paper: their signature is recorded on their behalf, with your name and the date on the paper. Keep the paper.</p>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_email}} has-error{{/err_email}}"><label for="f-email">E-mail address of the person who signed</label>
{{#err_email}}<p class="field-error" id="e-email">{{err_email}}</p>{{/err_email}}
<input id="f-email" name="email" type="email" required value="{{form_email}}"{{#err_email}} aria-describedby="e-email" aria-invalid="true"{{/err_email}}></div>
<div class="field{{#err_version_id}} has-error{{/err_version_id}}"><label for="f-version_id">Policy</label>
{{#err_version_id}}<p class="field-error" id="e-version_id">{{err_version_id}}</p>{{/err_version_id}}
<select id="f-version_id" name="version_id" required{{#err_version_id}} aria-describedby="e-version_id" aria-invalid="true"{{/err_version_id}}>{{#versions}}<option value="{{version_id}}">{{title}}, version {{version}}</option>{{/versions}}</select></div>
<div class="field{{#err_paper_date}} has-error{{/err_paper_date}}"><label for="f-paper_date">Date on the paper</label>
{{#err_paper_date}}<p class="field-error" id="e-paper_date">{{err_paper_date}}</p>{{/err_paper_date}}
<input id="f-paper_date" name="paper_date" type="date" required value="{{form_paper_date}}"{{#err_paper_date}} aria-describedby="e-paper_date" aria-invalid="true"{{/err_paper_date}}></div>
<div class="actions"><button class="btn" type="submit">Record the paper signature</button></div>
</form>{{/paper_form}}{{/with_names}}
{{#not_policies}}<p class="notice">No policy has a version in effect yet.</p>{{/not_policies}}
{{#policies}}<section aria-labelledby="h-policy-{{version_id}}">
<h2 id="h-policy-{{version_id}}">{{title}}, version {{version}}</h2>
<p>In effect from <time datetime="{{effective}}">{{effective:x-uk-time}}</time>. Review due {{#review_term}}{{review_term}}, from {{/review_term}}<time datetime="{{review_due}}">{{review_due:x-uk-due}}</time>{{#review_overdue}} <span class="badge status-overdue">Review overdue</span>{{/review_overdue}}. <a href="/aup/{{version_id}}">Read this version</a></p>
<ul class="stats">
<li class="stat"><span class="stat-value">{{required}}</span> <span class="stat-label">must sign</span></li>
<li class="stat"><span class="stat-value">{{signed}}</span> <span class="stat-label">have signed</span></li>
<li class="stat"><span class="stat-value">{{percent}}%</span> <span class="stat-label">signed</span></li>
<li class="stat"><span class="stat-value">{{outstanding_total}}</span> <span class="stat-label">outstanding</span></li>
<li class="stat"><span class="stat-value">{{declined_count}}</span> <span class="stat-label">do not agree</span></li>
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
<tbody>{{/has_outstanding}}{{#outstanding}}<tr><th scope="row">{{name}}{{#declined_at}}<br><span class="badge status-overdue">Declined</span> on <time datetime="{{declined_at}}">{{declined_at:x-uk-time}}</time>: <span class="multiline">{{decline_reason:pre_escape}}</span>{{/declined_at}}</th><td>{{email}}</td><td>{{department}}</td><td>{{staff_type:x-staff-type}}</td><td class="num">{{days}}</td>{{#has_previous}}<td>{{#previous_version}}Signed version {{previous_version}} on <time datetime="{{previous_signed_at}}">{{previous_signed_at:x-uk-time}}</time>{{/previous_version}}{{#not_previous_version}}Never signed{{/not_previous_version}}</td>{{/has_previous}}</tr>
{{/outstanding}}{{#has_outstanding}}</tbody></table></div>{{/has_outstanding}}
{{#renew_yearly}}<p>Signed again every year from <time datetime="{{renew_date}}">{{renew_date:x-uk-time}}</time>: <strong>{{renewal_count}}</strong> of those outstanding signed before that date.</p>{{/renew_yearly}}
{{#has_renewal_outstanding}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>Signed before this year's renewal, to sign again</caption>
<thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Department</th><th scope="col">Last signed</th><th scope="col">Why</th></tr></thead>
<tbody>{{/has_renewal_outstanding}}{{#renewal_outstanding}}<tr><th scope="row">{{name}}{{#declined_at}}<br><span class="badge status-overdue">Declined</span> on <time datetime="{{declined_at}}">{{declined_at:x-uk-time}}</time>: <span class="multiline">{{decline_reason:pre_escape}}</span>{{/declined_at}}</th><td>{{email}}</td><td>{{department}}</td><td><time datetime="{{signed_at}}">{{signed_at:x-uk-time}}</time></td><td>{{why}}</td></tr>
{{/renewal_outstanding}}{{#has_renewal_outstanding}}</tbody></table></div>{{/has_renewal_outstanding}}
{{#has_paper_signatures}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>Signed on paper</caption>
<thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Signature</th></tr></thead>
<tbody>{{/has_paper_signatures}}{{#paper_signatures}}<tr><th scope="row">{{name}}</th><td>{{email}}</td><td>{{#again}}Signed again for the year on paper{{/again}}{{#not_again}}Signed on paper{{/not_again}} on <time datetime="{{paper_date}}">{{paper_date:x-uk-time}}</time>, recorded by {{recorded_by}}</td></tr>
{{/paper_signatures}}{{#has_paper_signatures}}</tbody></table></div>{{/has_paper_signatures}}
{{#past_end}}<p class="notice">There is no page {{page}} of the people still to sign this version: the last page is {{pages}}.</p>{{/past_end}}
{{#paged}}<nav class="pagination" aria-label="Pages of the people still to sign {{title}}, version {{version}}">{{#prev_page}}<a href="/aup/compliance?page={{prev_page}}#h-policy-{{version_id}}">Previous page</a> {{/prev_page}}{{#next_page}}<a href="/aup/compliance?page={{next_page}}#h-policy-{{version_id}}">Next page</a>{{/next_page}}</nav>{{/paged}}
</section>
{{/policies}}
{{#not_with_names}}<p class="muted">As a governor you see the figures only; names are shown to the school's leaders.</p>{{/not_with_names}}
