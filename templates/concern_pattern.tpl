{{%AUTOESCAPE context="HTML"}}{{#person}}<h1>All concerns about {{name}}</h1>
<p class="lead">{{email}}{{#job_title}} · {{job_title}}{{/job_title}}</p>{{/person}}
<p class="hint">Every concern about this person that you may open, newest first, so that a pattern can be seen (Keeping Children Safe in Education, part four). They never see this page. A concern found to be malicious is not listed.</p>
{{#pattern}}<div class="notice warning" role="alert"><h2>A pattern to look at</h2>
<p>{{recent}} concerns about this person arrived in the last {{window_words}}. Decide whether to act on the pattern: through the disciplinary procedure, or by referring to the local authority designated officer (LADO) if together they meet the harm threshold.</p></div>{{/pattern}}
{{#not_pattern}}<p>Concerns in the last {{window_words}}: {{recent}}.</p>{{/not_pattern}}
{{#not_concerns}}<p class="notice">No concerns about this person are on record.</p>{{/not_concerns}}
{{#has_concerns}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Concerns about this person</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Received</th><th scope="col">Category</th><th scope="col">Status</th><th scope="col">Threshold decision</th><th scope="col">Outcome</th></tr></thead>
<tbody>{{/has_concerns}}
{{#concerns}}<tr id="concern-{{id}}"><th scope="row"><a href="{{url}}">{{reference}}</a></th><td><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></td><td>{{label}}</td><td><span class="badge status-{{status}}">{{status:x-concern-status}}</span></td><td>{{#threshold_label}}{{threshold_label}}{{/threshold_label}}{{#not_threshold_label}}<span class="muted">not yet decided</span>{{/not_threshold_label}}</td><td>{{#outcome_label}}{{outcome_label}}{{/outcome_label}}{{#not_outcome_label}}<span class="muted">open</span>{{/not_outcome_label}}</td></tr>
{{/concerns}}
{{#has_concerns}}</tbody></table></div>{{/has_concerns}}
<nav class="pagination" aria-label="Pages">{{#prev_page}}<a href="/concerns/about/{{person_id}}?page={{prev_page}}">Previous page</a> {{/prev_page}}{{#next_page}}<a href="/concerns/about/{{person_id}}?page={{next_page}}">Next page</a>{{/next_page}}</nav>
<p><a href="/concerns">Back to the queue</a></p>
