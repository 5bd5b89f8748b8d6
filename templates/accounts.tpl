{{%AUTOESCAPE context="HTML"}}<h1>{{#all}}Social-media accounts{{/all}}{{#not_all}}Your social-media accounts{{/not_all}}</h1>
<p class="lead">{{#all}}The register of every school social-media account, its lead and its monitoring.{{/all}}{{#not_all}}The school accounts you lead. Every school account needs approval before it is used.{{/not_all}}</p>
<p class="actions"><a class="btn" href="/accounts/apply">Apply for a new account</a> <a class="btn secondary" href="/accounts/applications">{{#all}}Applications{{/all}}{{#not_all}}Your applications{{/not_all}}</a>{{#moderator}} <a class="btn secondary" href="/accounts/new">Register an existing account</a>{{/moderator}}</p>
{{#not_accounts}}<p class="notice">{{#all}}No accounts are on the register yet.{{/all}}{{#not_all}}You do not lead any school account.{{/not_all}}</p>{{/not_accounts}}
{{#has_accounts}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>{{#all}}Every school account{{/all}}{{#not_all}}Accounts you lead{{/not_all}} ({{accounts_count}})</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Platform</th><th scope="col">Web address</th><th scope="col">Department</th><th scope="col">Lead</th><th scope="col">Status</th><th scope="col">Last monitoring check</th><th scope="col">Needs attention</th></tr></thead>
<tbody>{{/has_accounts}}
{{#accounts}}<tr><th scope="row"><a href="/accounts/{{id}}">{{name}}</a></th><td>{{platform_label}}</td><td>{{#url}}<a href="{{url}}" rel="noopener noreferrer">{{url}}</a>{{/url}}{{#not_url}}<span class="muted">Not recorded</span>{{/not_url}}</td><td>{{department}}</td><td>{{lead_name}}</td><td><span class="badge status-{{status}}">{{status}}</span></td><td>{{#last_check}}<time datetime="{{last_check}}">{{last_check:x-uk-time}}</time>{{/last_check}}{{#not_last_check}}<span class="muted">None yet</span>{{/not_last_check}}</td><td>{{#lead_left}}<span class="badge status-urgent">Lead has left</span> {{/lead_left}}{{#monitoring_overdue}}<span class="badge status-overdue">Monitoring overdue</span>{{/monitoring_overdue}}</td></tr>
{{/accounts}}
{{#has_accounts}}</tbody></table></div>{{/has_accounts}}
{{#has_accounts}}<nav class="pagination" aria-label="Pages">{{#prev_page}}<a href="/accounts?page={{prev_page}}">Previous page</a>{{/prev_page}} {{#next_page}}<a href="/accounts?page={{next_page}}">Next page</a>{{/next_page}}</nav>{{/has_accounts}}
