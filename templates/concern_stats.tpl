{{%AUTOESCAPE context="HTML"}}<h1>Concern statistics</h1>
<p class="lead">Numbers only: no case can be opened from here. <a href="/concerns/stats?format=csv">Download as CSV</a>.</p>
<div class="stats">
<div class="stat"><span class="stat-value">{{total}}</span> <span class="stat-label">concerns in all</span></div>
<div class="stat"><span class="stat-value">{{#acknowledged_count}}{{median_hours_to_acknowledge}}{{/acknowledged_count}}{{#not_acknowledged_count}}–{{/not_acknowledged_count}}</span> <span class="stat-label">median hours to acknowledge</span></div>
<div class="stat"><span class="stat-value">{{#closed_count}}{{median_hours_to_close}}{{/closed_count}}{{#not_closed_count}}–{{/not_closed_count}}</span> <span class="stat-label">median hours to close</span></div>
</div>
<section aria-labelledby="h-cat"><h2 id="h-cat">By category</h2>
<table class="data"><caption>Concerns by category</caption><thead><tr><th scope="col">Category</th><th scope="col">Concerns</th></tr></thead><tbody>
{{#by_category}}<tr><th scope="row">{{label}}</th><td class="num">{{count}}</td></tr>
{{/by_category}}</tbody></table></section>
<section aria-labelledby="h-status"><h2 id="h-status">By status</h2>
{{#not_by_status}}<p class="muted">No concerns yet.</p>{{/not_by_status}}
{{#has_by_status}}<table class="data"><caption>Concerns by status</caption><thead><tr><th scope="col">Status</th><th scope="col">Concerns</th></tr></thead><tbody>{{/has_by_status}}
{{#by_status}}<tr><th scope="row">{{status:x-concern-status}}</th><td class="num">{{count}}</td></tr>
{{/by_status}}{{#has_by_status}}</tbody></table>{{/has_by_status}}</section>
<section aria-labelledby="h-month"><h2 id="h-month">By month reported</h2>
{{#not_by_month}}<p class="muted">No concerns yet.</p>{{/not_by_month}}
{{#has_by_month}}<table class="data"><caption>Concerns by month</caption><thead><tr><th scope="col">Month</th><th scope="col">Concerns</th></tr></thead><tbody>{{/has_by_month}}
{{#by_month}}<tr><th scope="row">{{month:x-uk-time}}</th><td class="num">{{count}}</td></tr>
{{/by_month}}{{#has_by_month}}</tbody></table>{{/has_by_month}}</section>
