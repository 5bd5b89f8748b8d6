{{%AUTOESCAPE context="HTML"}}{{#password_was_set}}<h1>Your password has been set</h1>
<p class="lead">{{message}}</p>
<p><a class="btn" href="/login">Sign in</a></p>{{/password_was_set}}
{{#not_password_was_set}}<h1>Choose your password</h1>
<p class="lead">{{#invitation}}Welcome to staffroom, {{name}}. {{/invitation}}Choose a password for <strong>{{email}}</strong>. You will be signed in once it is saved, and signed out everywhere else.</p>
<form class="stack card" method="post" action="/password/set">
<input type="hidden" name="token" value="{{token}}">
<div class="field{{#err_password}} has-error{{/err_password}}">
<label for="f-password">New password</label>
<p class="hint" id="h-password">At least {{password_min}} characters. Not a common password, and not the school's name or your name or e-mail address. A few words you will remember that do not belong together make a good one.</p>
{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}
<input id="f-password" name="password" type="password" autocomplete="new-password" required minlength="{{password_min}}" aria-describedby="h-password{{#err_password}} e-password{{/err_password}}"{{#err_password}} aria-invalid="true"{{/err_password}}>
</div>
<div class="field{{#err_password_again}} has-error{{/err_password_again}}">
<label for="f-password_again">The same password again</label>
{{#err_password_again}}<p class="field-error" id="e-password_again">{{err_password_again}}</p>{{/err_password_again}}
<input id="f-password_again" name="password_again" type="password" autocomplete="new-password" required{{#err_password_again}} aria-describedby="e-password_again" aria-invalid="true"{{/err_password_again}}>
</div>
<div class="actions"><button class="btn" type="submit">Save my password and sign in</button></div>
</form>
{{/not_password_was_set}}
