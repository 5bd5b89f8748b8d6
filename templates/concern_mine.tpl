{{%AUTOESCAPE context="HTML"}}<h1>My reports</h1>
<p class="lead">The concerns you have reported and where each one stands. <a href="/concerns/new">Report a concern</a>.</p>
{{#not_concerns}}<p class="notice">You have not reported any concerns.</p>{{/not_concerns}}
{{#has_concerns}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Concerns you reported</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Category</th><th scope="col">Reported</th><th scope="col">Status</th></tr></thead>
<tbody>{{/has_concerns}}
{{#concerns}}<tr><th scope="row"><a href="{{url}}">{{reference}}</a></th><td>{{label}}</td><td><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></td><td><span class="badge status-{{status}}">{{status:x-concern-status}}</span></td></tr>
{{/concerns}}
{{#has_concerns}}</tbody></table></div>{{/has_concerns}}
<nav class="pagination" aria-label="Pages">{{#prev_page}}<a href="/concerns/mine?page={{prev_page}}">Previous page</a> {{/prev_page}}{{#next_page}}<a href="/concerns/mine?page={{next_page}}">Next page</a>{{/next_page}}</nav>
