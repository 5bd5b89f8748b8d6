{{%AUTOESCAPE context="HTML"}}<h1>Register an existing account</h1>
<p class="lead">Add a school account that existed before staffroom, so that it is monitored and its credentials are kept safely.</p>
<p class="muted">The lead must pass the same checks as for a new account: an active member of staff who has signed the current acceptable-use agreement and has current social-media policy training.</p>
<form class="stack card" method="post" action="/accounts">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_platform}} has-error{{/err_platform}}"><label for="f-platform">Platform</label>
{{#err_platform}}<p class="field-error" id="e-platform">{{err_platform}}</p>{{/err_platform}}
<select id="f-platform" name="platform" required{{#err_platform}} aria-describedby="e-platform" aria-invalid="true"{{/err_platform}}>{{#platforms}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/platforms}}</select></div>
<div class="field{{#err_platform_other}} has-error{{/err_platform_other}}"><label for="f-platform_other">If you chose Other: which platform?</label>
{{#err_platform_other}}<p class="field-error" id="e-platform_other">{{err_platform_other}}</p>{{/err_platform_other}}
<input id="f-platform_other" name="platform_other" type="text" maxlength="60" value="{{v_platform_other}}"{{#err_platform_other}} aria-describedby="e-platform_other" aria-invalid="true"{{/err_platform_other}}></div>
<div class="field{{#err_name}} has-error{{/err_name}}"><label for="f-name">Name or handle</label>
{{#err_name}}<p class="field-error" id="e-name">{{err_name}}</p>{{/err_name}}
<input id="f-name" name="name" type="text" maxlength="120" required value="{{v_name}}"{{#err_name}} aria-describedby="e-name" aria-invalid="true"{{/err_name}}></div>
<div class="field{{#err_url}} has-error{{/err_url}}"><label for="f-url">Web address</label>
{{#err_url}}<p class="field-error" id="e-url">{{err_url}}</p>{{/err_url}}
<input id="f-url" name="url" type="url" maxlength="300" required value="{{v_url}}"{{#err_url}} aria-describedby="e-url" aria-invalid="true"{{/err_url}}></div>
<div class="field{{#err_department}} has-error{{/err_department}}"><label for="f-department">Department</label>
{{#err_department}}<p class="field-error" id="e-department">{{err_department}}</p>{{/err_department}}
<input id="f-department" name="department" type="text" maxlength="120" required value="{{v_department}}"{{#err_department}} aria-describedby="e-department" aria-invalid="true"{{/err_department}}></div>
<div class="field{{#err_lead}} has-error{{/err_lead}}"><label for="f-lead">E-mail address of the lead</label>
{{#err_lead}}<p class="field-error" id="e-lead">{{err_lead}}</p>{{/err_lead}}
<input id="f-lead" name="lead" type="email" maxlength="254" required value="{{v_lead}}"{{#err_lead}} aria-describedby="e-lead" aria-invalid="true"{{/err_lead}}></div>
<fieldset id="f-visibility"{{#err_visibility}} aria-describedby="e-visibility"{{/err_visibility}}><legend>Open or closed (private)?</legend>
{{#err_visibility}}<p class="field-error" id="e-visibility">{{err_visibility}}</p>{{/err_visibility}}
<label class="checkbox" for="f-visibility-open"><input id="f-visibility-open" type="radio" name="visibility" value="open" required{{#not_v_closed}} checked{{/not_v_closed}}> Open</label>
<label class="checkbox" for="f-visibility-closed"><input id="f-visibility-closed" type="radio" name="visibility" value="closed"{{#v_closed}} checked{{/v_closed}}> Closed</label>
</fieldset>
<div class="actions"><button class="btn" type="submit">Add to the register</button> <a class="btn secondary" href="/accounts">Cancel</a></div>
</form>
