{{%AUTOESCAPE context="HTML"}}<h1>Incident queue</h1>
<p class="lead">Open concerns sent to you, urgent ones first, then the newest.</p>
<section aria-labelledby="h-counts">
<h2 id="h-counts" class="visually-hidden">Counts by status</h2>
<ul class="stats">
{{#count_links}}<li class="stat{{#alert}} overdue{{/alert}}"><a href="{{link}}"><span class="stat-value">{{n}}</span> <span class="stat-label">{{label}}</span></a></li>
{{/count_links}}</ul>
</section>
<p class="queue-views"><a href="/concerns">Open cases</a> · <a href="/concerns?status=closed">Closed cases ({{counts_closed}})</a> · <a href="/concerns?status=all">All cases</a></p>
<form class="filters" method="get" action="/concerns">
<div class="field"><label for="f-status">Status</label>
<select id="f-status" name="status">{{#statuses}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></div>
<div class="field"><label for="f-category">Category</label>
<select id="f-category" name="category"><option value="">Any category</option>{{#categories}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/categories}}</select></div>
<label class="checkbox" for="f-assigned"><input type="checkbox" id="f-assigned" name="assigned" value="yes"{{#assigned}} checked{{/assigned}}> Assigned to me</label>
<label class="checkbox" for="f-overdue"><input type="checkbox" id="f-overdue" name="overdue" value="yes"{{#overdue}} checked{{/overdue}}> Overdue only</label>
<label class="checkbox" for="f-deadline"><input type="checkbox" id="f-deadline" name="deadline" value="overdue"{{#deadline_overdue}} checked{{/deadline_overdue}}> Past a legal deadline (police, LADO, ICO)</label>
<div class="actions"><button class="btn secondary" type="submit">Filter</button> <a href="/concerns">Clear</a></div>
</form>
{{#not_concerns}}<p class="notice">No concerns match.</p>{{/not_concerns}}
{{#has_concerns}}<div class="table-scroll stack-narrow" tabindex="0"><table class="data stack"><caption>Concerns</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Summary</th><th scope="col">Category</th><th scope="col">Received</th><th scope="col">Status</th><th scope="col">Assigned to</th><th scope="col">Next deadline</th></tr></thead>
<tbody>{{/has_concerns}}
{{#concerns}}<tr class="{{#urgent}}urgent{{/urgent}}{{#overdue}} overdue{{/overdue}}"><th scope="row" data-label="Reference"><a href="{{url}}">{{reference}}</a>{{#urgent}} <span class="badge status-urgent">Urgent</span>{{/urgent}}</th><td data-label="Summary">{{summary}}</td><td data-label="Category">{{label}}</td><td data-label="Received"><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></td><td data-label="Status"><span class="badge status-{{status}}">{{status_label}}</span></td><td data-label="Assigned to">{{#assignee}}{{assignee}}{{/assignee}}{{#not_assignee}}<span class="muted">nobody yet</span>{{/not_assignee}}</td><td data-label="Next deadline">{{#next_due}}<strong>{{next_what}}</strong>: <time datetime="{{next_due}}">{{next_due:x-uk-due}}</time>{{#next_overdue}} <span class="badge status-overdue">Overdue</span>{{/next_overdue}}{{/next_due}}{{#not_next_due}}<span class="muted">none</span>{{/not_next_due}}</td></tr>
{{/concerns}}
{{#has_concerns}}</tbody></table></div>{{/has_concerns}}
<nav class="pagination" aria-label="Pages">{{#prev_page}}<a href="/concerns?{{query}}page={{prev_page}}">Previous page</a> {{/prev_page}}{{#next_page}}<a href="/concerns?{{query}}page={{next_page}}">Next page</a>{{/next_page}}</nav>
