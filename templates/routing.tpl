{{%AUTOESCAPE context="HTML"}}<h1>Who receives concerns</h1>
<p class="lead">Each category of concern goes to everyone holding the roles ticked in its row. A concern about the headteacher always goes to the chair of governors only, and the person a concern is about never sees it.</p>
<p class="hint">Changes apply to concerns reported from now on; earlier concerns keep the people they were sent to.</p>
<form class="stack card routing-form" method="post" action="/admin/routing">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="table-scroll routing-scroll" tabindex="0" role="region" aria-labelledby="routing-caption">
<table class="data routing-grid">
<caption id="routing-caption">Who receives each category</caption>
<thead><tr><th scope="col">Category</th>{{#role_headers}}<th scope="col" id="r-{{role}}">{{role:x-role}}</th>{{/role_headers}}</tr></thead>
<tbody>
{{#routing}}<tr><th scope="row" id="f-{{category}}">{{label}}</th>{{#roles}}<td><label class="visually-hidden" for="f-{{category}}-{{role}}">Send {{label}} concerns to {{role:x-role}}</label><input type="checkbox" id="f-{{category}}-{{role}}" name="{{category}}" value="{{role}}"{{#held}} checked{{/held}}></td>{{/roles}}</tr>
{{/routing}}</tbody>
</table>
</div>
<div class="actions"><button class="btn" type="submit">Save routing</button> <a class="btn secondary" href="/admin/staff">Back to administration</a></div>
</form>
