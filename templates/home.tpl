{{%AUTOESCAPE context="HTML"}}<h1>My tasks</h1>
<p class="lead">Hello {{name}}. Here is what needs you now.</p>
{{#is_dpo}}<p class="notice">As data protection officer you receive reports of personal data breaches, the <a href="/breaches">breach log</a> and the <a href="/sar">subject access requests</a>. You do not see other concerns unless one is sent or assigned to you.</p>{{/is_dpo}}
<section aria-labelledby="h-tasks">
<h2 id="h-tasks">To do</h2>
{{#not_tasks}}<p class="notice">Nothing needs your attention. Thank you.</p>{{/not_tasks}}
<ul class="tasks">
{{#tasks}}<li class="task{{#urgent}} urgent{{/urgent}}">{{#urgent}}<span class="badge status-urgent">Urgent</span> {{/urgent}}<a href="{{link}}">{{message}}</a></li>
{{/tasks}}
</ul>
</section>
<section aria-labelledby="h-notes">
<h2 id="h-notes">Notifications</h2>
{{#not_notifications}}<p class="muted">No new notifications.</p>{{/not_notifications}}
{{#has_notifications}}<ul class="tasks">{{/has_notifications}}
{{#notifications}}<li class="task"><a href="{{open}}">{{message}}</a><p class="muted"><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></p></li>
{{/notifications}}
{{#has_notifications}}</ul>{{/has_notifications}}
{{#has_notifications}}<form method="post" action="/notifications/read"><input type="hidden" name="csrf" value="{{csrf}}"><button class="btn secondary" type="submit">Mark all as read</button></form>{{/has_notifications}}
</section>
