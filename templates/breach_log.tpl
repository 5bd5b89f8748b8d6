{{%AUTOESCAPE context="HTML"}}<h1>Breach log</h1>
<p class="lead">Every personal data breach reported in staffroom, whether or not it was reported to the Information Commissioner's Office (ICO). <a href="/breaches?format=csv">Download as CSV</a>.</p>
<p class="hint">The decision on reporting a breach to the ICO is due 72 hours after the school became aware of it, counted in hours, weekends and holidays included.</p>
{{#is_dpo}}<div class="notice"><h2>What the data protection officer receives</h2>
<p>As data protection officer you receive reports of personal data breaches, this breach log and the subject access requests. You do not see other concerns unless one is sent or assigned to you.</p></div>{{/is_dpo}}
{{#not_breaches}}<p class="muted">No personal data breach has been reported.</p>{{/not_breaches}}
{{#has_breaches}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Personal data breaches, newest first</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Became aware</th><th scope="col">What happened</th><th scope="col">Decision</th><th scope="col">ICO reference</th><th scope="col">Decided</th><th scope="col">72-hour deadline</th><th scope="col">People told</th></tr></thead><tbody>{{/has_breaches}}
{{#breaches}}<tr><th scope="row"><a href="{{url}}">{{reference}}</a></th><td><time datetime="{{aware_at}}">{{aware_at:x-uk-time}}</time></td><td>{{summary}}</td><td>{{decision_label}}</td><td>{{ico_reference_label}}</td><td>{{#decided_at}}<time datetime="{{decided_at}}">{{decided_at:x-uk-time}}</time>{{/decided_at}}{{#not_decided_at}}Not decided yet{{/not_decided_at}}</td><td>{{#decided_at}}<time datetime="{{decision_due}}">{{decision_due:x-uk-time}}</time>{{/decided_at}}{{#not_decided_at}}<time datetime="{{decision_due}}">{{decision_due:x-uk-due}}</time>{{/not_decided_at}} · {{#late}}<span class="badge status-overdue">{{deadline_words}}</span>{{/late}}{{#not_late}}{{deadline_words}}{{/not_late}}</td><td>{{subjects_told_label}}</td></tr>
{{/breaches}}
{{#has_breaches}}</tbody></table></div>{{/has_breaches}}
{{#has_breaches}}<nav class="pagination" aria-label="Pages">{{#prev_page}}<a href="/breaches?page={{prev_page}}">Previous page</a>{{/prev_page}} {{#next_page}}<a href="/breaches?page={{next_page}}">Next page</a>{{/next_page}}</nav>{{/has_breaches}}
