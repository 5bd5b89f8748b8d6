{{%AUTOESCAPE context="HTML"}}<h1>Where you are signed in</h1>
<p class="lead">Each browser or device you have signed in on is listed here until you sign out there or it times out. If you do not recognise one, end it and change your password.</p>
<div class="table-scroll" tabindex="0"><table class="data"><caption>Your sessions</caption>
<thead><tr><th scope="col">Browser</th><th scope="col">From address</th><th scope="col">Signed in</th><th scope="col">Last used</th><th scope="col">End</th></tr></thead><tbody>
{{#sessions}}<tr><td>{{browser}}{{#current}} <strong>(this one)</strong>{{/current}}</td><td>{{address}}{{#not_address}}not known{{/not_address}}</td>
<td><time datetime="{{started_at}}">{{started_at:x-uk-time}}</time></td><td><time datetime="{{last_seen}}">{{last_seen:x-uk-time}}</time></td>
<td>{{#current}}Use "Sign out" to end this one.{{/current}}{{#not_current}}<form method="post" action="/account/sessions/{{id}}/end"><input type="hidden" name="csrf" value="{{csrf}}">
{{#asks_password}}<div class="field{{#end_sent}}{{#err_password}} has-error{{/err_password}}{{/end_sent}}"><label for="{{#end_sent}}f-password{{/end_sent}}{{#not_end_sent}}p-{{id}}{{/not_end_sent}}">Your password</label>
{{#end_sent}}{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}{{/end_sent}}
<input id="{{#end_sent}}f-password{{/end_sent}}{{#not_end_sent}}p-{{id}}{{/not_end_sent}}" name="password" type="password" autocomplete="current-password" required{{#end_sent}}{{#err_password}} aria-describedby="e-password" aria-invalid="true"{{/err_password}}{{/end_sent}}></div>{{/asks_password}}
<button class="btn secondary" type="submit">End this session</button></form>{{/not_current}}</td></tr>
{{/sessions}}</tbody></table></div>
{{#others}}<form class="stack card" method="post" action="/account/sessions/end-others">
<h2>End every other session</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p class="hint">Every browser and device but this one is signed out.</p>
{{#ask_password}}<div class="field{{#not_session_row_sent}}{{#err_password}} has-error{{/err_password}}{{/not_session_row_sent}}"><label for="f-{{#session_row_sent}}others-{{/session_row_sent}}password">Your password</label>
{{#not_session_row_sent}}{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}{{/not_session_row_sent}}
<input id="f-{{#session_row_sent}}others-{{/session_row_sent}}password" name="password" type="password" autocomplete="current-password" required{{#not_session_row_sent}}{{#err_password}} aria-describedby="e-password" aria-invalid="true"{{/err_password}}{{/not_session_row_sent}}></div>{{/ask_password}}
<div class="actions"><button class="btn danger" type="submit">End all other sessions</button></div>
</form>{{/others}}
