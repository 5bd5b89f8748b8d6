{{%AUTOESCAPE context="HTML"}}<h1>Policies</h1>
<p class="lead">Policies that staff must read and sign. Open a policy to publish a new version.</p>
{{#not_policies}}<p class="notice">There are no policies yet.</p>{{/not_policies}}
{{#has_policies}}<div class="table-scroll" tabindex="0">
<table class="data">
<caption>Every policy</caption>
<thead><tr><th scope="col">Policy</th><th scope="col">Applies to</th><th scope="col">Versions</th><th scope="col">Current version</th><th scope="col">Review due</th></tr></thead>
<tbody>{{/has_policies}}
{{#policies}}<tr><th scope="row"><a href="/admin/policies/{{id}}">{{title}}</a></th><td>{{applies_to:x-staff-types}}</td><td class="num">{{versions}}{{#drafts}} ({{drafts}} draft awaiting authorisation){{/drafts}}</td><td>{{#current_id}}<a href="/aup/{{current_id}}">Version {{current_version}}</a>, from <time datetime="{{effective}}">{{effective:x-uk-time}}</time>{{/current_id}}{{#not_current_id}}None in effect yet{{/not_current_id}}</td><td>{{#review_due}}<time datetime="{{review_due}}">{{review_due:x-uk-due}}</time>{{/review_due}}{{#review_overdue}} <span class="badge status-overdue">Overdue</span>{{/review_overdue}}</td></tr>
{{/policies}}
{{#has_policies}}</tbody>
</table>
</div>{{/has_policies}}
<form class="stack card" method="post" action="/admin/policies">
<h2>Create a policy</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_title}} has-error{{/err_title}}"><label for="f-title">Title</label>
{{#err_title}}<p class="field-error" id="e-title">{{err_title}}</p>{{/err_title}}
<input id="f-title" name="title" type="text" required maxlength="200" value="{{form_title}}"{{#err_title}} aria-describedby="e-title" aria-invalid="true"{{/err_title}}></div>
<fieldset id="f-applies_to"{{#err_applies_to}} class="has-error"{{/err_applies_to}}{{#err_applies_to}} aria-describedby="e-applies_to"{{/err_applies_to}}><legend>Who must sign it</legend>
{{#err_applies_to}}<p class="field-error" id="e-applies_to">{{err_applies_to}}</p>{{/err_applies_to}}
{{#staff_types}}<label class="checkbox" for="f-type-{{type}}"><input id="f-type-{{type}}" type="checkbox" name="applies_to" value="{{type}}"{{#checked}} checked{{/checked}}> {{type:x-staff-type}}</label>
{{/staff_types}}</fieldset>
<div class="field{{#err_renew_yearly}} has-error{{/err_renew_yearly}}">
{{#err_renew_yearly}}<p class="field-error" id="e-renew_yearly">{{err_renew_yearly}}</p>{{/err_renew_yearly}}
<label class="checkbox" for="f-renew_yearly"><input id="f-renew_yearly" name="renew_yearly" type="checkbox" value="yes"{{#chose_renew_yearly_yes}} checked{{/chose_renew_yearly_yes}}{{#err_renew_yearly}} aria-describedby="e-renew_yearly" aria-invalid="true"{{/err_renew_yearly}}> Signed again every year</label></div>
<fieldset id="f-renew_from" class="field{{#err_renew_from}} has-error{{/err_renew_from}}{{#err_renew_day}} has-error{{/err_renew_day}}{{#err_renew_month}} has-error{{/err_renew_month}}"{{#err_renew_from}} aria-describedby="e-renew_from"{{/err_renew_from}}><legend>The day the yearly signing starts</legend>
<p class="hint" id="h-renew_from">For example 1 September, the start of the school year.</p>
{{#err_renew_from}}<p class="field-error" id="e-renew_from">{{err_renew_from}}</p>{{/err_renew_from}}
{{#err_renew_day}}<p class="field-error" id="e-renew_day">{{err_renew_day}}</p>{{/err_renew_day}}
{{#err_renew_month}}<p class="field-error" id="e-renew_month">{{err_renew_month}}</p>{{/err_renew_month}}
<div class="date-parts"><div class="field"><label for="f-renew_day">Day</label>
<input id="f-renew_day" name="renew_day" type="text" inputmode="numeric" pattern="[0-9]{1,2}" maxlength="2" value="{{form_renew_day}}" aria-describedby="h-renew_from{{#err_renew_day}} e-renew_day{{/err_renew_day}}"{{#err_renew_day}} aria-invalid="true"{{/err_renew_day}}></div>
<div class="field"><label for="f-renew_month">Month</label>
<select id="f-renew_month" name="renew_month"{{#err_renew_month}} aria-describedby="e-renew_month" aria-invalid="true"{{/err_renew_month}}>{{#renew_months}}<option value="{{value}}"{{#chosen}} selected{{/chosen}}>{{name}}</option>{{/renew_months}}</select></div></div>
</fieldset>
<div class="actions"><button class="btn" type="submit">Create</button></div>
</form>
<p><a href="/aup/compliance">Compliance</a> · <a href="/admin/courses">Training courses</a> · <a href="/admin/staff">Staff</a></p>
