{{%AUTOESCAPE context="HTML"}}<h1>Audit log</h1>
<p class="lead">Every sign-in, change, view of a confidential record, download and refused attempt, in order, with the roles the person held then. Entries cannot be changed or removed.</p>
<form class="filters" method="post" action="/audit/search">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field"><label for="f-actor">Person (e-mail)</label><input id="f-actor" name="actor" type="text" value="{{actor}}"></div>
<div class="field"><label for="f-action">Action</label><select id="f-action" name="action"><option value="">Any</option>{{#actions}}<option value="{{action}}"{{#selected}} selected{{/selected}}>{{action:x-audit-action}}</option>{{/actions}}</select></div>
<div class="field"><label for="f-object">Object</label><input id="f-object" name="object" type="text" value="{{object}}"></div>
<div class="field"><label for="f-from">From</label><input id="f-from" name="from" type="date" value="{{from}}"></div>
<div class="field"><label for="f-to">To</label><input id="f-to" name="to" type="date" value="{{to}}"></div>
<div class="actions"><button class="btn secondary" type="submit">Filter</button></div>
</form>
<div class="table-scroll" tabindex="0">
<table class="data">
<caption>Audit entries, newest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Roles then</th><th scope="col">From</th><th scope="col">Action</th><th scope="col">Object</th><th scope="col">Detail</th><th scope="col">Outcome</th></tr></thead>
<tbody>
{{#audit}}<tr><td><time datetime="{{at}}">{{at:x-uk-time}}</time></td><td>{{actor}}</td><td>{{roles:x-roles}}</td><td>{{address}}</td><td>{{action:x-audit-action}}</td><td>{{object}}</td><td>{{detail_words}}</td><td>{{outcome_text}}</td></tr>
{{/audit}}
</tbody>
</table>
</div>
{{#not_audit}}<p class="notice">No entries match.</p>{{/not_audit}}
{{#next_before}}<nav class="pagination" aria-label="Pages"><a href="/audit?before={{next_before}}{{#search}}&amp;search={{search}}{{/search}}{{#not_search}}&amp;action={{action}}&amp;object={{object}}&amp;from={{from}}&amp;to={{to}}{{/not_search}}">Older entries</a></nav>{{/next_before}}
