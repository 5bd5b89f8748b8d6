{{%AUTOESCAPE context="HTML"}}<h1>Two-factor sign-in</h1>
<p><a href="/account/sessions">Where you are signed in</a>: see the browsers and devices signed in as you, and end any of them.</p>
<p><a href="/account/photos">Photos and video of you</a>: ask not to be filmed or photographed for school accounts, or withdraw it.</p>
{{#enrolled}}<p class="lead">Two-factor sign-in is on{{#confirmed_at}} (since <time datetime="{{confirmed_at}}">{{confirmed_at:x-uk-time}}</time>){{/confirmed_at}}. When you sign in, staffroom then asks for the code from your authenticator app.</p>
<p>You have {{recovery_left_words}}.</p>
<form class="stack card" method="post" action="/account/2fa/recovery-codes">
<h2>New recovery codes</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="hint">Your old recovery codes stop working.</p>
{{#ask_password}}<div class="field{{#not_remove_sent}}{{#err_password}} has-error{{/err_password}}{{/not_remove_sent}}"><label for="f-password">Your password</label>
{{#not_remove_sent}}{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}{{/not_remove_sent}}
<input id="f-password" name="password" type="password" autocomplete="current-password" required{{#not_remove_sent}}{{#err_password}} aria-describedby="e-password" aria-invalid="true"{{/err_password}}{{/not_remove_sent}}></div>{{/ask_password}}
<div class="actions"><button class="btn secondary" type="submit">Make new recovery codes</button></div>
</form>
{{#not_required}}<form class="stack card" method="post" action="/account/2fa/remove">
<h2>Turn off</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
{{#ask_password}}<div class="field{{#remove_sent}}{{#err_password}} has-error{{/err_password}}{{/remove_sent}}"><label for="f-password-off">Your password</label>
{{#remove_sent}}{{#err_password}}<p class="field-error" id="e-password-off">{{err_password}}</p>{{/err_password}}{{/remove_sent}}
<input id="f-password-off" name="password" type="password" autocomplete="current-password" required{{#remove_sent}}{{#err_password}} aria-describedby="e-password-off" aria-invalid="true"{{/err_password}}{{/remove_sent}}></div>{{/ask_password}}
<div class="actions"><button class="btn danger" type="submit">Turn off two-factor sign-in</button></div>
</form>{{/not_required}}
{{/enrolled}}
{{#not_enrolled}}{{#required}}<div class="flash" role="status">Your role needs two-factor sign-in. Set it up now to carry on using staffroom.</div>{{/required}}
<ol class="stack">
<li>Install an authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator or FreeOTP).</li>
<li>In the app, add an account and scan this QR code:
<p><img src="/account/2fa/qr.svg" width="240" height="240" alt="QR code holding your staffroom secret; the secret is also written below."></p>
<p>Cannot scan it? Choose to type a key and enter this one: <code class="secret">{{secret}}</code> (time-based, 6 digits, every 30 seconds).</p></li>
<li>Type the six-digit code the app now shows:</li>
</ol>
<form class="stack card" method="post" action="/account/2fa/confirm">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_code}} has-error{{/err_code}}"><label for="f-code">Code from the app</label>
{{#err_code}}<p class="field-error" id="e-code">{{err_code}}</p>{{/err_code}}
<input id="f-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required{{#err_code}} aria-describedby="e-code" aria-invalid="true"{{/err_code}}></div>
<div class="actions"><button class="btn" type="submit">Turn on two-factor sign-in</button></div>
</form>{{/not_enrolled}}
