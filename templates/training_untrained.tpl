{{%AUTOESCAPE context="HTML"}}<h1>Social-media policy training still needed</h1>
<p class="lead">Teachers and support staff receive training on the social-media policy at their safeguarding induction and again as a refresher (Heatons Cluster social media policy, section 4.2). These active members of staff have no current record of the course “{{course_title}}”: never trained, or their training has expired.</p>
{{#not_untrained}}{{#not_past_end}}<p class="notice">Every active teacher and member of support staff has current social-media policy training.</p>{{/not_past_end}}{{#past_end}}<p class="notice">There is no page {{page}}: the list has {{pages}} pages.</p>{{/past_end}}{{/not_untrained}}
{{#has_untrained}}<p>{{total}} still to train.</p>
<div class="table-scroll" tabindex="0">
<table class="data">
<caption>Teachers and support staff without current social-media policy training, by name</caption>
<thead><tr><th scope="col">Person</th><th scope="col">Staff type</th><th scope="col">Last trained</th></tr></thead>
<tbody>{{/has_untrained}}
{{#untrained}}<tr><td>{{name}} <span class="muted">{{email}}</span></td><td>{{staff_type:x-staff-type}}</td><td>{{#last_completed_on}}<time datetime="{{last_completed_on}}">{{last_completed_on:x-uk-time}}</time>{{#last_expires_on}}, expired <time datetime="{{last_expires_on}}">{{last_expires_on:x-uk-time}}</time>{{/last_expires_on}}{{/last_completed_on}}{{#not_last_completed_on}}Never{{/not_last_completed_on}}</td></tr>
{{/untrained}}
{{#has_untrained}}</tbody>
</table>
</div>{{/has_untrained}}
<nav class="pagination" aria-label="Pages">{{#prev_page}}<a href="/training/untrained?page={{prev_page}}">Previous page</a>{{/prev_page}} {{#next_page}}<a href="/training/untrained?page={{next_page}}">Next page</a>{{/next_page}}</nav>
<p>Record training on the <a href="/training">training page</a>, one at a time or from a CSV file.</p>
