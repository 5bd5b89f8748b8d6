{{%AUTOESCAPE context="HTML"}}<h1>{{#editing}}Change your application{{/editing}}{{#not_editing}}Apply for a social-media account{{/not_editing}}</h1>
<p class="lead">Every school account must be approved before it is used. The moderator reviews your plan, then the school's decision-maker approves or rejects it.</p>
<p class="muted">The lead you name must be an active member of staff, have signed the current acceptable-use agreement, and have current social-media policy training before the account can be approved.</p>
<form class="stack card" method="post" action="{{action}}">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_platform}} has-error{{/err_platform}}"><label for="f-platform">Platform</label>
{{#err_platform}}<p class="field-error" id="e-platform">{{err_platform}}</p>{{/err_platform}}
<select id="f-platform" name="platform" required{{#err_platform}} aria-describedby="e-platform" aria-invalid="true"{{/err_platform}}>{{#platforms}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/platforms}}</select></div>
<div class="field{{#err_platform_other}} has-error{{/err_platform_other}}"><label for="f-platform_other">If you chose Other: which platform?</label>
<p class="hint" id="h-platform_other">For example Mastodon or Threads. Required when the platform is Other.</p>
{{#err_platform_other}}<p class="field-error" id="e-platform_other">{{err_platform_other}}</p>{{/err_platform_other}}
<input id="f-platform_other" name="platform_other" type="text" maxlength="60" value="{{v_platform_other}}" aria-describedby="h-platform_other{{#err_platform_other}} e-platform_other{{/err_platform_other}}"{{#err_platform_other}} aria-invalid="true"{{/err_platform_other}}></div>
<div class="field{{#err_name}} has-error{{/err_name}}"><label for="f-name">Proposed name or handle</label>
{{#err_name}}<p class="field-error" id="e-name">{{err_name}}</p>{{/err_name}}
<input id="f-name" name="name" type="text" maxlength="120" required value="{{v_name}}"{{#err_name}} aria-describedby="e-name" aria-invalid="true"{{/err_name}}></div>
<div class="field{{#err_department}} has-error{{/err_department}}"><label for="f-department">Department</label>
{{#err_department}}<p class="field-error" id="e-department">{{err_department}}</p>{{/err_department}}
<input id="f-department" name="department" type="text" maxlength="120" required value="{{v_department}}"{{#err_department}} aria-describedby="e-department" aria-invalid="true"{{/err_department}}></div>
<div class="field{{#err_aim}} has-error{{/err_aim}}"><label for="f-aim">The aim of the account</label>
{{#err_aim}}<p class="field-error" id="e-aim">{{err_aim}}</p>{{/err_aim}}
<textarea id="f-aim" name="aim" rows="3" maxlength="2000" required{{#err_aim}} aria-describedby="e-aim" aria-invalid="true"{{/err_aim}}>&#10;{{v_aim:pre_escape}}</textarea></div>
<div class="field{{#err_audience}} has-error{{/err_audience}}"><label for="f-audience">The intended audience</label>
{{#err_audience}}<p class="field-error" id="e-audience">{{err_audience}}</p>{{/err_audience}}
<textarea id="f-audience" name="audience" rows="2" maxlength="1000" required{{#err_audience}} aria-describedby="e-audience" aria-invalid="true"{{/err_audience}}>&#10;{{v_audience:pre_escape}}</textarea></div>
<div class="field{{#err_promotion}} has-error{{/err_promotion}}"><label for="f-promotion">How the account will be promoted</label>
{{#err_promotion}}<p class="field-error" id="e-promotion">{{err_promotion}}</p>{{/err_promotion}}
<textarea id="f-promotion" name="promotion" rows="2" maxlength="1000" required{{#err_promotion}} aria-describedby="e-promotion" aria-invalid="true"{{/err_promotion}}>&#10;{{v_promotion:pre_escape}}</textarea></div>
<div class="field{{#err_lead}} has-error{{/err_lead}}"><label for="f-lead">E-mail address of the lead (the member of staff who will run it)</label>
{{#err_lead}}<p class="field-error" id="e-lead">{{err_lead}}</p>{{/err_lead}}
<input id="f-lead" name="lead" type="email" maxlength="254" required value="{{v_lead}}"{{#err_lead}} aria-describedby="e-lead" aria-invalid="true"{{/err_lead}}></div>
<fieldset id="f-visibility"{{#err_visibility}} class="has-error"{{/err_visibility}}{{#err_visibility}} aria-describedby="e-visibility"{{/err_visibility}}><legend>Will the account be open or closed (private)?</legend>
{{#err_visibility}}<p class="field-error" id="e-visibility">{{err_visibility}}</p>{{/err_visibility}}
<label class="checkbox" for="f-visibility-open"><input id="f-visibility-open" type="radio" name="visibility" value="open" required{{#v_open}} checked{{/v_open}}> Open: anyone can see it</label>
<label class="checkbox" for="f-visibility-closed"><input id="f-visibility-closed" type="radio" name="visibility" value="closed"{{#v_closed}} checked{{/v_closed}}> Closed: only approved followers can see it</label>
</fieldset>
<div class="field{{#err_monitoring}} has-error{{/err_monitoring}}"><label for="f-monitoring">How comments will be watched and answered</label>
<p class="hint">Comments, queries and complaints must be answered within 24 hours, or on the next working day at a weekend.</p>
{{#err_monitoring}}<p class="field-error" id="e-monitoring">{{err_monitoring}}</p>{{/err_monitoring}}
<textarea id="f-monitoring" name="monitoring" rows="3" maxlength="2000" required{{#err_monitoring}} aria-describedby="e-monitoring" aria-invalid="true"{{/err_monitoring}}>&#10;{{v_monitoring:pre_escape}}</textarea></div>
<div class="actions"><button class="btn" type="submit">{{#editing}}Send the changed application{{/editing}}{{#not_editing}}Send the application{{/not_editing}}</button> <a class="btn secondary" href="/accounts/applications">Cancel</a></div>
</form>
