{{%AUTOESCAPE context="HTML"}}<h1>Forgot your password?</h1>
{{#sent}}<div class="flash" role="status">{{message}}</div>
<p>No e-mail after a few minutes? Check your junk mail folder, then ask your school's administrator.</p>
<p><a href="/login">Back to sign in</a></p>{{/sent}}
{{#not_sent}}<p class="lead">Type the e-mail address you use for staffroom. If it belongs to a member of staff, we will e-mail a link to choose a new password.</p>
<form class="stack card" method="post" action="/password/forgot">
<div class="field{{#err_email}} has-error{{/err_email}}">
<label for="f-email">E-mail address</label>
{{#err_email}}<p class="field-error" id="e-email">{{err_email}}</p>{{/err_email}}
<input id="f-email" name="email" type="email" autocomplete="username" required value="{{form_email}}"{{#err_email}} aria-describedby="e-email" aria-invalid="true"{{/err_email}}>
</div>
<div class="actions"><button class="btn" type="submit">E-mail me a link</button></div>
</form>
<p><a href="/login">Back to sign in</a></p>{{/not_sent}}
