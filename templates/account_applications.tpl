{{%AUTOESCAPE context="HTML"}}<h1>{{#all}}Account applications{{/all}}{{#not_all}}Your account applications{{/not_all}}</h1>
<p class="actions"><a class="btn" href="/accounts/apply">Apply for a new account</a> <a class="btn secondary" href="/accounts">The register of accounts</a></p>
{{#not_applications}}<p class="notice">There are no applications yet.</p>{{/not_applications}}
{{#has_applications}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>{{#all}}Every application, newest first{{/all}}{{#not_all}}Applications you made or in which you are the lead, newest first{{/not_all}}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Platform</th><th scope="col">Department</th><th scope="col">Applicant</th><th scope="col">Lead</th><th scope="col">Status</th><th scope="col">Last change</th></tr></thead>
<tbody>{{/has_applications}}
{{#applications}}<tr><th scope="row"><a href="/accounts/applications/{{id}}">{{name}}</a></th><td>{{platform_label}}</td><td>{{department}}</td><td>{{applicant_name}}</td><td>{{lead_name}}</td><td><span class="badge status-{{status_class}}">{{status:x-application-status}}</span></td><td><time datetime="{{updated_at}}">{{updated_at:x-uk-time}}</time></td></tr>
{{/applications}}
{{#has_applications}}</tbody></table></div>{{/has_applications}}
{{#has_applications}}<nav class="pagination" aria-label="Pages">{{#prev_page}}<a href="/accounts/applications?page={{prev_page}}">Previous page</a>{{/prev_page}} {{#next_page}}<a href="/accounts/applications?page={{next_page}}">Next page</a>{{/next_page}}</nav>{{/has_applications}}
