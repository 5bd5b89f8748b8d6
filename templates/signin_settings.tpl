{{%AUTOESCAPE context="HTML"}}<h1>Sign-in settings</h1>
{{#not_has_providers}}<p class="notice">No single sign-on provider is set up in the server's configuration file, so everyone signs in with a password. See "Single sign-on" in the deployment guide.</p>{{/not_has_providers}}
{{#has_providers}}<p class="lead">Staff can sign in with:</p><ul>{{/has_providers}}
{{#providers}}<li>{{label}}</li>
{{/providers}}
{{#has_providers}}</ul>{{/has_providers}}
{{#breakglass_lapsed}}<p class="notice" role="alert">{{breakglass_lapsed}}</p>{{/breakglass_lapsed}}
<form class="stack card" method="post" action="/admin/sign-in">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset><legend>Who may sign in with a password</legend>
<label class="checkbox"><input type="radio" name="password_signin" value="everyone"{{#not_passwords_off}} checked{{/not_passwords_off}}> Everyone</label>
<label class="checkbox"><input type="radio" name="password_signin" value="breakglass"{{#passwords_off}} checked{{/passwords_off}}> Only the break-glass administrator (everyone else signs in with the school account)</label>
</fieldset>
<div class="field{{#err_breakglass_email}} has-error{{/err_breakglass_email}}"><label for="f-breakglass_email">The break-glass administrator's e-mail address</label>
<p class="hint" id="h-breakglass_email">An administrator who can still sign in with a password when the school's sign-in service is down. Needed when only the break-glass administrator may use a password.</p>
{{#err_breakglass_email}}<p class="field-error" id="e-breakglass_email">{{err_breakglass_email}}</p>{{/err_breakglass_email}}
<input id="f-breakglass_email" name="breakglass_email" type="email" value="{{form_breakglass_email}}" aria-describedby="h-breakglass_email{{#err_breakglass_email}} e-breakglass_email{{/err_breakglass_email}}"{{#err_breakglass_email}} aria-invalid="true"{{/err_breakglass_email}}></div>
<fieldset><legend>Second factor for the roles that need one</legend>
<label class="checkbox"><input type="checkbox" name="mfa_counts" value="yes" aria-describedby="h-mfa_counts"{{#mfa_counts}} checked{{/mfa_counts}}> The sign-in service's own multi-factor sign-in counts</label>
<p class="hint" id="h-mfa_counts">When ticked, a leader who signed in at Microsoft 365 or Google with a second factor there is not asked for staffroom's code. When not ticked, staffroom's own code is always asked for.</p>
</fieldset>
<div class="actions"><button class="btn" type="submit">Save sign-in settings</button></div>
</form>
