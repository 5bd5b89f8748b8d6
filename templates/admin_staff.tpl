{{%AUTOESCAPE context="HTML"}}<h1>Staff</h1>
<p class="actions"><a class="btn" href="/admin/staff/new">Add a member of staff</a> <a class="btn secondary" href="/admin/import">Import from CSV</a> <a class="btn secondary" href="/admin/settings">School settings</a> <a class="btn secondary" href="/admin/routing">Who receives concerns</a> <a class="btn secondary" href="/admin/sessions">Sign everyone out</a> <a class="btn secondary" href="/admin/two-factor">Two-factor sign-in</a></p>
<form class="filters" method="post" action="/admin/staff/search">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="f-q">Search by name, e-mail or department</label>
<input id="f-q" name="q" type="text" maxlength="100" value="{{q}}">
<button class="btn secondary" type="submit">Search</button>
</form>
<form class="card" method="post" action="/admin/invitations">
<h2>Invitations</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="q" value="{{q}}">
<p class="hint">Each person receives an e-mail with a link to choose their own password.</p>
<fieldset id="f-to"><legend>Whom to invite</legend>
<div class="actions"><button class="btn secondary" type="submit" name="to" value="without_password">Invite everyone who cannot sign in yet</button>{{#q}} <button class="btn secondary" type="submit" name="to" value="matching">Invite everyone matching this search</button>{{/q}}</div>
</fieldset>
</form>
<div class="table-scroll" tabindex="0">
<table class="data">
<caption>Everyone on the staff list</caption>
<thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Job title</th><th scope="col">Department</th><th scope="col">Type</th><th scope="col">Roles</th><th scope="col">Status</th></tr></thead>
<tbody>
{{#staff}}<tr><td><a href="/admin/staff/{{id}}">{{name}}</a></td><td>{{email}}</td><td>{{job_title}}</td><td>{{department}}</td><td>{{staff_type:x-staff-type}}</td><td>{{roles:x-roles}}{{#not_roles}}None{{/not_roles}}</td><td>{{#active}}<span class="badge status-active">Active</span>{{#not_can_sign_in}} <span class="badge status-pending">No sign-in yet</span>{{/not_can_sign_in}}{{/active}}{{#not_active}}<span class="badge status-closed">Left <time datetime="{{left_on}}">{{left_on:x-uk-time}}</time></span>{{/not_active}}</td></tr>
{{/staff}}
</tbody>
</table>
</div>
{{#not_staff}}<p class="notice">No one matches.</p>{{/not_staff}}
<nav class="pagination" aria-label="Pages">{{#prev_page}}<a href="/admin/staff?{{#search}}search={{search}}&amp;{{/search}}page={{prev_page}}">Previous page</a>{{/prev_page}} {{#next_page}}<a href="/admin/staff?{{#search}}search={{search}}&amp;{{/search}}page={{next_page}}">Next page</a>{{/next_page}}</nav>
