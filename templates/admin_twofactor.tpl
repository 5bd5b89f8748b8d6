{{%AUTOESCAPE context="HTML"}}<h1>Two-factor sign-in</h1>
<form class="stack card" method="post" action="/admin/two-factor">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-role"><legend>Roles that must use two-factor sign-in</legend>
{{#roles}}<label class="checkbox"><input type="checkbox" name="role" value="{{role}}"{{#required}} checked{{/required}}> {{role:x-role}}</label>
{{/roles}}</fieldset>
<p class="hint">Someone holding a ticked role is sent to set up two-factor sign-in before they can use anything else.</p>
<div class="actions"><button class="btn" type="submit">Save</button></div>
</form>
<section class="card" aria-labelledby="h-people">
<h2 id="h-people">People</h2>
{{#ask_password}}<p class="hint" id="h-your_password">Without their second factor, someone's password alone signs them in, so a reset asks for your own password: staffroom checks that it is still you.</p>
{{/ask_password}}<div class="table-scroll" tabindex="0"><table class="data"><caption>People with a role or a second factor</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Roles</th><th scope="col">Two-factor</th><th scope="col">Reset</th></tr></thead><tbody>
{{#people}}<tr><td>{{name}}<br><span class="muted">{{email}}</span></td><td>{{roles:x-roles}}{{#not_roles}}None{{/not_roles}}</td>
<td>{{#enrolled}}On since <time datetime="{{enrolled_at}}">{{enrolled_at:x-uk-time}}</time> ({{recovery_left_words}} left){{/enrolled}}{{#not_enrolled}}Off{{#required}} · <strong>required</strong>{{/required}}{{/not_enrolled}}</td>
<td>{{#enrolled}}<form method="post" action="/admin/two-factor/{{id}}/reset"><input type="hidden" name="csrf" value="{{csrf}}">
<label for="{{#again}}f-reason{{/again}}{{#not_again}}r-{{id}}{{/not_again}}">Reason</label> {{#again}}{{#err_reason}}<p class="field-error" id="e-reason">{{err_reason}}</p>{{/err_reason}}{{/again}}<input id="{{#again}}f-reason{{/again}}{{#not_again}}r-{{id}}{{/not_again}}" name="reason" type="text" required{{#again}} value="{{form_reason}}"{{#err_reason}} aria-describedby="e-reason" aria-invalid="true"{{/err_reason}}{{/again}}>
{{#asks_password}}<label for="{{#again}}f-your_password{{/again}}{{#not_again}}p-{{id}}{{/not_again}}">Your own password</label> {{#again}}{{#err_your_password}}<p class="field-error" id="e-your_password">{{err_your_password}}</p>{{/err_your_password}}{{/again}}<input id="{{#again}}f-your_password{{/again}}{{#not_again}}p-{{id}}{{/not_again}}" name="your_password" type="password" autocomplete="current-password" required aria-describedby="h-your_password{{#again}}{{#err_your_password}} e-your_password{{/err_your_password}}{{/again}}"{{#again}}{{#err_your_password}} aria-invalid="true"{{/err_your_password}}{{/again}}>
{{/asks_password}}<button class="btn secondary" type="submit">Reset</button></form>{{/enrolled}}{{#not_enrolled}}Not turned on{{/not_enrolled}}</td></tr>
{{/people}}</tbody></table></div>
</section>
