{{%AUTOESCAPE context="HTML"}}<h1>E-mail</h1>
{{#not_mail_on}}<p class="notice">No mail relay is set, so staffroom sends no e-mail: people see their notifications when they sign in. The server's configuration file sets one (<code>smtp_url</code>, <code>mail_from</code> and <code>base_url</code>).</p>{{/not_mail_on}}
{{#all_well}}<p class="lead">Every e-mail has been sent or is on its way.</p>{{/all_well}}
{{#has_waiting}}<section class="card" aria-labelledby="h-waiting">
<h2 id="h-waiting">Waiting for the mail relay</h2>
<p>{{waiting_words}} waiting, the oldest since <time datetime="{{waiting_since}}">{{waiting_since:x-uk-time}}</time>: the mail relay cannot be reached. They are tried again every minute and go as soon as it answers; none is given up meanwhile.</p>
</section>{{/has_waiting}}
{{#has_retrying}}<section class="card" aria-labelledby="h-retrying">
<h2 id="h-retrying">Refused, being tried again</h2>
<p>The mail relay refused {{retrying_words}}. Each is tried again after a wait that doubles each time, and fails after eight tries.</p>
</section>{{/has_retrying}}
{{#has_failed}}<form class="stack card" method="post" action="/admin/mail/retry" aria-labelledby="h-failed">
<h2 id="h-failed">Not sent</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<p>{{failed_words}} could not be sent: the mail relay refused each one eight times.</p>
<p class="hint">Mend the relay first (its address, user name or password in the server's configuration file), then send them again. Each is checked again just before it goes: nobody who has left, or who may no longer open what it links to, is sent it.</p>
<div class="actions"><button class="btn" type="submit">Send the failed e-mails again</button></div>
</form>{{/has_failed}}
{{#has_links_failed}}<section class="card" aria-labelledby="h-links">
<h2 id="h-links">Links that were not sent</h2>
<p>{{links_failed_words}} could not be sent. Their links were removed when they failed, so they cannot be sent again: send a new invitation, or ask the person to use "Forgot your password?" again.</p>
</section>{{/has_links_failed}}
{{#last_error}}<p>The mail relay last said: <q>{{last_error}}</q></p>{{/last_error}}
<p class="hint">Whom each e-mail was to, and what it was about, is not shown here: an e-mail to the chair of governors alone would tell of a concern about the headteacher.</p>
<p><a href="/admin/settings">Back to the school settings</a></p>
