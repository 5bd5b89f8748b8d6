{{%AUTOESCAPE context="HTML"}}<h1>Add a member of staff</h1>
<form class="stack card" method="post" action="/admin/staff">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_email}} has-error{{/err_email}}"><label for="f-email">E-mail address</label>
{{#err_email}}<p class="field-error" id="e-email">{{err_email}}</p>{{/err_email}}
<input id="f-email" name="email" type="email" required value="{{form_email}}"{{#err_email}} aria-describedby="e-email" aria-invalid="true"{{/err_email}}></div>
<div class="field{{#err_name}} has-error{{/err_name}}"><label for="f-name">Full name</label>
{{#err_name}}<p class="field-error" id="e-name">{{err_name}}</p>{{/err_name}}
<input id="f-name" name="name" type="text" required value="{{form_name}}"{{#err_name}} aria-describedby="e-name" aria-invalid="true"{{/err_name}}></div>
<div class="field{{#err_job_title}} has-error{{/err_job_title}}"><label for="f-job_title">Job title</label>
{{#err_job_title}}<p class="field-error" id="e-job_title">{{err_job_title}}</p>{{/err_job_title}}
<input id="f-job_title" name="job_title" type="text" value="{{form_job_title}}"{{#err_job_title}} aria-describedby="e-job_title" aria-invalid="true"{{/err_job_title}}></div>
<div class="field{{#err_department}} has-error{{/err_department}}"><label for="f-department">Department</label>
{{#err_department}}<p class="field-error" id="e-department">{{err_department}}</p>{{/err_department}}
<input id="f-department" name="department" type="text" value="{{form_department}}"{{#err_department}} aria-describedby="e-department" aria-invalid="true"{{/err_department}}></div>
<div class="field{{#err_staff_type}} has-error{{/err_staff_type}}"><label for="f-staff_type">Staff type</label>
{{#err_staff_type}}<p class="field-error" id="e-staff_type">{{err_staff_type}}</p>{{/err_staff_type}}
<select id="f-staff_type" name="staff_type"{{#err_staff_type}} aria-describedby="e-staff_type" aria-invalid="true"{{/err_staff_type}}>{{#staff_types}}<option value="{{type}}"{{#selected}} selected{{/selected}}>{{type:x-staff-type}}</option>{{/staff_types}}</select></div>
<fieldset id="f-role"{{#err_role}} class="has-error" aria-describedby="e-role"{{/err_role}}><legend>Roles (everyone holds staff)</legend>
{{#err_role}}<p class="field-error" id="e-role">{{err_role}}</p>{{/err_role}}
{{#roles}}<label class="checkbox"><input type="checkbox" name="role" value="{{role}}"{{#held}} checked{{/held}}> {{role:x-role}}</label>
{{/roles}}</fieldset>
<p class="hint">Data protection officer, who may be someone from outside the school: receives reports of personal data breaches, the breach log and the subject access requests, and opens no other concern unless one is sent or assigned to them.</p>
<div class="field{{#err_password}} has-error{{/err_password}}"><label for="f-password">Password (optional)</label>
<p class="hint" id="h-password">Leave empty to set it later; the person cannot sign in until it is set. At least 12 characters, or at least 10 for someone with a role that must use a second factor, and at most 1024. Not a common password or a simple pattern, not the school's name or the person's name or e-mail address, and without the words "staffroom", "password" or "school".</p>
{{#err_password}}<p class="field-error" id="e-password">{{err_password}}</p>{{/err_password}}
<input id="f-password" name="password" type="password" autocomplete="new-password" aria-describedby="h-password{{#err_password}} e-password{{/err_password}}"{{#err_password}} aria-invalid="true"{{/err_password}}></div>
<div class="actions"><button class="btn" type="submit">Add</button> <a class="btn secondary" href="/admin/staff">Cancel</a></div>
</form>
