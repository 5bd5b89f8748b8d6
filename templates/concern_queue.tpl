{{%AUTOESCAPE context="HTML"}}<h1>Incident queue</h1>
<p class="lead">Concerns sent to you, urgent open ones first, then the newest.</p>
<section aria-labelledby="h-counts">
<h2 id="h-counts" class="visually-hidden">Counts by status</h2>
<div class="stats">
<div class="stat"><span class="stat-value">{{counts_new}}</span> <span class="stat-label">new</span></div>
<div class="stat"><span class="stat-value">{{counts_acknowledged}}</span> <span class="stat-label">acknowledged</span></div>
<div class="stat"><span class="stat-value">{{counts_investigating}}</span> <span class="stat-label">investigating</span></div>
<div class="stat"><span class="stat-value">{{counts_escalated}}</span> <span class="stat-label">escalated</span></div>
<div class="stat"><span class="stat-value">{{counts_closed}}</span> <span class="stat-label">closed</span></div>
<div class="stat{{#counts_overdue}} overdue{{/counts_overdue}}"><span class="stat-value">{{counts_overdue}}</span> <span class="stat-label">overdue</span></div>
</div>
</section>
<form class="filters" method="get" action="/concerns">
<div class="field"><label for="f-status">Status</label>
<select id="f-status" name="status"><option value="">Any status</option>{{#statuses}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{code}}</option>{{/statuses}}</select></div>
<div class="field"><label for="f-category">Category</label>
<select id="f-category" name="category"><option value="">Any category</option>{{#categories}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/categories}}</select></div>
<label class="checkbox" for="f-assigned"><input type="checkbox" id="f-assigned" name="assigned" value="yes"{{#assigned}} checked{{/assigned}}> Assigned to me</label>
<label class="checkbox" for="f-overdue"><input type="checkbox" id="f-overdue" name="overdue" value="yes"{{#overdue}} checked{{/overdue}}> Overdue only</label>
<label class="checkbox" for="f-deadline"><input type="checkbox" id="f-deadline" name="deadline" value="overdue"{{#deadline_overdue}} checked{{/deadline_overdue}}> Past a legal deadline (police, LADO, ICO)</label>
<div class="actions"><button class="btn secondary" type="submit">Filter</button> <a href="/concerns">Clear</a></div>
</form>
{{#not_concerns}}<p class="notice">No concerns match.</p>{{/not_concerns}}
{{#has_concerns}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Concerns</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Category</th><th scope="col">Received</th><th scope="col">Status</th><th scope="col">Assigned to</th><th scope="col">Acknowledge by</th><th scope="col">Legal deadline</th></tr></thead>
<tbody>{{/has_concerns}}
{{#concerns}}<tr class="{{#urgent}}urgent{{/urgent}}{{#overdue}} overdue{{/overdue}}"><th scope="row"><a href="{{url}}">{{reference}}</a>{{#urgent}} <span class="badge status-urgent">Urgent</span>{{/urgent}}</th><td>{{label}}</td><td><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></td><td><span class="badge status-{{status}}">{{status}}</span></td><td>{{#assignee}}{{assignee}}{{/assignee}}{{#not_assignee}}<span class="muted">nobody yet</span>{{/not_assignee}}</td><td><time datetime="{{due_by}}">{{due_by:x-uk-time}}</time>{{#overdue}} <span class="badge status-overdue">Overdue</span>{{/overdue}}</td><td>{{#deadline_due}}<time datetime="{{deadline_due}}">{{deadline_due:x-uk-due}}</time>{{#deadline_overdue}} <span class="badge status-overdue">Past the deadline</span>{{/deadline_overdue}}{{/deadline_due}}{{#not_deadline_due}}<span class="muted">none</span>{{/not_deadline_due}}</td></tr>
{{/concerns}}
{{#has_concerns}}</tbody></table></div>{{/has_concerns}}
<nav class="pagination" aria-label="Pages">{{#prev_page}}<a href="/concerns?page={{prev_page}}">Previous page</a> {{/prev_page}}{{#next_page}}<a href="/concerns?page={{next_page}}">Next page</a>{{/next_page}}</nav>
