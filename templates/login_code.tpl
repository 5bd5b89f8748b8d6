{{%AUTOESCAPE context="HTML"}}<h1>Enter your code</h1>
<p class="lead">Open the authenticator app on your phone and type the six-digit code it shows for staffroom.</p>
<form class="stack card" method="post" action="/login/code">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_code}} has-error{{/err_code}}">
<label for="f-code">Code</label>
{{#err_code}}<p class="field-error" id="e-code">{{err_code}}</p>{{/err_code}}
<input id="f-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required{{#err_code}} aria-describedby="e-code" aria-invalid="true"{{/err_code}}>
</div>
<p class="hint">Lost your phone? Type one of your recovery codes instead; each works once.</p>
<div class="actions"><button class="btn" type="submit">Sign in</button></div>
</form>
<form method="post" action="/login/code/cancel"><input type="hidden" name="csrf" value="{{csrf}}"><button class="link" type="submit">Cancel and start again</button></form>
