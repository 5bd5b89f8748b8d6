{{%AUTOESCAPE context="HTML"}}<h1>End everyone's sessions</h1>
<p class="lead">{{open_words}}</p>
<form class="stack card" method="post" action="/admin/sessions/end-all">
<h2>Sign everyone out</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="hint">For a suspected breach: every session of every person ends at once, including your own on other browsers and devices, and sign-ins waiting for a two-factor code are cancelled. You stay signed in here, so that you can carry on (for example resetting passwords). Everyone else must sign in again. This is recorded in the audit log.</p>
{{#ask_password}}<div class="field{{#err_password}} has-error{{/err_password}}"><label for="f-password">Your password</label>
{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}
<input id="f-password" name="password" type="password" autocomplete="current-password" required{{#err_password}} aria-describedby="e-password" aria-invalid="true"{{/err_password}}></div>{{/ask_password}}
<div class="actions"><button class="btn danger" type="submit">Sign everyone else out now</button></div>
</form>
<p><a href="/admin/staff">Back to the staff list</a></p>
