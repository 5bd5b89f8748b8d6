{{%AUTOESCAPE context="HTML"}}<h1>Sign in</h1>
{{#signed_out}}<div class="flash" role="status">You have signed out.</div>{{/signed_out}}
<p class="lead">Use the e-mail address and password your school gave you.</p>
<form class="stack card" method="post" action="/login">
{{#next}}<input type="hidden" name="next" value="{{next}}">{{/next}}
<div class="field{{#err_email}} has-error{{/err_email}}">
<label for="f-email">E-mail address</label>
{{#err_email}}<p class="field-error" id="e-email">{{err_email}}</p>{{/err_email}}
<input id="f-email" name="email" type="email" autocomplete="username" required value="{{form_email}}">
</div>
<div class="field{{#err_password}} has-error{{/err_password}}">
<label for="f-password">Password</label>
{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}
<input id="f-password" name="password" type="password" autocomplete="current-password" required>
</div>
<div class="actions"><button class="btn" type="submit">Sign in</button></div>
</form>
<p><a href="/password/forgot">Forgot your password?</a></p>
