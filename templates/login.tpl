{{%AUTOESCAPE context="HTML"}}<h1>Sign in</h1>
{{#signed_out}}<div class="flash" role="status">You have signed out.{{#provider_signout}} You may still be signed in to {{label}}: <a href="{{url}}">sign out of {{label}} too</a>.{{/provider_signout}}</div>{{/signed_out}}
{{#has_providers}}<p class="lead">Use your school account.</p>
<ul class="stack sign-in-providers">{{/has_providers}}
{{#providers}}<li><a class="btn" href="/login/oidc/{{name}}{{#next}}?next={{next:u}}{{/next}}">Sign in with {{label}}</a></li>
{{/providers}}
{{#has_providers}}</ul>{{/has_providers}}
{{#passwords_off}}<details{{#err_password}} open{{/err_password}}><summary>Sign in with a password (the school's break-glass administrator only)</summary>{{/passwords_off}}
{{#not_passwords_off}}{{#has_providers}}<h2>Or sign in with a password</h2>{{/has_providers}}
<p class="lead">Use the e-mail address and password your school gave you.</p>{{/not_passwords_off}}
<form class="stack card" method="post" action="/login">
{{#next}}<input type="hidden" name="next" value="{{next}}">{{/next}}
<div class="field{{#err_email}} has-error{{/err_email}}">
<label for="f-email">E-mail address</label>
{{#err_email}}<p class="field-error" id="e-email">{{err_email}}</p>{{/err_email}}
<input id="f-email" name="email" type="email" autocomplete="username" required value="{{form_email}}"{{#err_email}} aria-describedby="e-email" aria-invalid="true"{{/err_email}}>
</div>
<div class="field{{#err_password}} has-error{{/err_password}}">
<label for="f-password">Password</label>
{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}
<input id="f-password" name="password" type="password" autocomplete="current-password" required{{#err_password}} aria-describedby="e-password" aria-invalid="true"{{/err_password}}>
</div>
<div class="actions"><button class="btn" type="submit">Sign in</button></div>
</form>
{{#passwords_off}}</details>{{/passwords_off}}
{{#not_passwords_off}}<p><a href="/password/forgot">Forgot your password?</a></p>{{/not_passwords_off}}
