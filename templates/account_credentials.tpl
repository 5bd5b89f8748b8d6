{{%AUTOESCAPE context="HTML"}}<h1>Credentials for {{account_name}}</h1>
<p class="notice">These are shown once, and this viewing has been recorded in the audit log. Do not copy them anywhere else, and do not share them with anyone but the moderator and the senior leadership team.</p>
<dl class="facts card">
<dt>Platform</dt><dd>{{account_platform_label}}</dd>
<dt>Sign-in name</dt><dd>{{credentials_login}}</dd>
<dt>Password</dt><dd>{{credentials_password}}</dd>
<dt>Recovery e-mail</dt><dd>{{#credentials_recovery_email}}{{credentials_recovery_email}}{{/credentials_recovery_email}}{{#not_credentials_recovery_email}}None recorded{{/not_credentials_recovery_email}}</dd>
<dt>Two-factor notes</dt><dd>{{#credentials_two_factor_notes}}<span class="multiline">{{credentials_two_factor_notes:pre_escape}}</span>{{/credentials_two_factor_notes}}{{#not_credentials_two_factor_notes}}None recorded{{/not_credentials_two_factor_notes}}</dd>
</dl>
<p><a href="/accounts/{{account_id}}">Back to the account</a></p>
