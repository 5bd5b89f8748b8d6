{{%AUTOESCAPE context="HTML"}}{{#post}}<h1>{{kind_label}} for {{account_name}}</h1>
<p><span class="badge status-{{status}}">{{status_label}}</span></p>
<dl class="facts card">
<dt>By</dt><dd>{{author_name}}, sent <time datetime="{{submitted_at}}">{{submitted_at:x-uk-time}}</time></dd>
<dt>Where it will go out</dt><dd>{{#where}}{{where}}{{/where}}{{#not_where}}Not said{{/not_where}}</dd>
<dt>When it will go out</dt><dd>{{#publish_at}}<time datetime="{{publish_at}}">{{publish_at:x-uk-time}}</time>{{/publish_at}}{{#not_publish_at}}Once signed off{{/not_publish_at}}</dd>
{{#posted_as}}<dt>Who it says is posting</dt><dd>{{posted_as}}</dd>{{/posted_as}}
{{#asked_material}}<dt>Someone else's material</dt><dd>{{#others_material}}Shared, made by {{credit}}; the author confirmed that whoever holds the copyright gave permission{{/others_material}}{{#not_others_material}}None: the author says it is all the school's own{{/not_others_material}}</dd>{{/asked_material}}
{{#decided_at}}<dt>Answer</dt><dd>{{status_label}} by {{decided_by}}, <time datetime="{{decided_at}}">{{decided_at:x-uk-time}}</time>{{#reason}}: <span class="multiline">{{reason:pre_escape}}</span>{{/reason}}</dd>{{/decided_at}}
</dl>
<h2>The text</h2>
<p class="card"><span class="multiline">{{text:pre_escape}}</span></p>
{{#with_image}}<h2>The picture</h2>
<p><img class="post-image" src="/accounts/{{account_id}}/posts/{{id}}/image" alt="The picture sent with this post"></p>
<h3>What the author confirmed</h3>
<ul>
<li>Pupils in the picture: {{#pupils_pictured}}yes{{/pupils_pictured}}{{#not_pupils_pictured}}no{{/not_pupils_pictured}}</li>
{{#asked_list}}<li>Nobody in the picture is on the <a href="/accounts/do-not-publish">do-not-publish list</a> (no pupil on it, and no adult who has asked not to be filmed or photographed): {{#checked_list}}confirmed{{/checked_list}}{{#not_checked_list}}not confirmed{{/not_checked_list}}</li>{{/asked_list}}
{{#pupils_pictured}}<li>No pupil's name is next to the photo: {{#no_names}}confirmed{{/no_names}}{{#not_no_names}}not confirmed{{/not_no_names}}</li>{{/pupils_pictured}}
<li>Uploaded from a school device: {{#school_device}}confirmed{{/school_device}}{{#not_school_device}}not confirmed{{/not_school_device}}</li>
</ul>{{/with_image}}{{/post}}
<section aria-labelledby="h-history">
<h2 id="h-history">History</h2>
<ol>{{#steps}}<li><time datetime="{{at}}">{{at:x-uk-time}}</time>, {{by_name}}: {{action_label}}{{#note}}: <span class="multiline">{{note:pre_escape}}</span>{{/note}}</li>
{{/steps}}</ol>
</section>
{{#may_decide}}<form class="stack card" method="post" action="/accounts/{{account_id}}/posts/{{post_id}}/decision">
<h2>Your answer</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-decision"{{#err_decision}} aria-describedby="e-decision"{{/err_decision}}><legend>Your answer</legend>
{{#err_decision}}<p class="field-error" id="e-decision">{{err_decision}}</p>{{/err_decision}}
<label class="checkbox" for="f-decision-approve"><input id="f-decision-approve" type="radio" name="decision" value="approve" required{{#chose_decision_approve}} checked{{/chose_decision_approve}}> Approve: it may go out</label>
<label class="checkbox" for="f-decision-changes"><input id="f-decision-changes" type="radio" name="decision" value="changes"{{#chose_decision_changes}} checked{{/chose_decision_changes}}> Ask for changes</label>
<label class="checkbox" for="f-decision-refuse"><input id="f-decision-refuse" type="radio" name="decision" value="refuse"{{#chose_decision_refuse}} checked{{/chose_decision_refuse}}> Refuse: it must not go out</label>
</fieldset>
<div class="field{{#err_reason}} has-error{{/err_reason}}"><label for="f-reason">Reason (needed to ask for changes or to refuse)</label>
{{#err_reason}}<p class="field-error" id="e-reason">{{err_reason}}</p>{{/err_reason}}
<textarea id="f-reason" name="reason" rows="3" maxlength="2000"{{#err_reason}} aria-describedby="e-reason" aria-invalid="true"{{/err_reason}}>&#10;{{form_reason:pre_escape}}</textarea></div>
<div class="actions"><button class="btn" type="submit">Record your answer</button></div>
</form>{{/may_decide}}
{{#may_resubmit}}<form class="stack card" method="post" action="/accounts/{{account_id}}/posts/{{post_id}}">
<h2>Send a new text</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
{{#taking_over}}<p class="hint">Its author has left the school: as the account's lead you take the post over. Sent again, it is yours, and the answer comes to you.</p>{{/taking_over}}
<div class="field{{#err_text}} has-error{{/err_text}}"><label for="f-text">The new text</label>
{{#err_text}}<p class="field-error" id="e-text">{{err_text}}</p>{{/err_text}}
<textarea id="f-text" name="text" rows="6" maxlength="5000" required{{#err_text}} aria-describedby="e-text" aria-invalid="true"{{/err_text}}>&#10;{{form_text:pre_escape}}</textarea></div>
<div class="field{{#err_posted_as}} has-error{{/err_posted_as}}"><label for="f-posted_as">How the post says who is posting it</label>
<p class="hint" id="h-posted_as">Posts on school accounts are not anonymous: a name and role at the end (“Mr Patel, Head of Science”), or the department's name on its own account.</p>
{{#err_posted_as}}<p class="field-error" id="e-posted_as">{{err_posted_as}}</p>{{/err_posted_as}}
<input id="f-posted_as" name="posted_as" type="text" maxlength="200" value="{{form_posted_as}}" aria-describedby="h-posted_as{{#err_posted_as}} e-posted_as{{/err_posted_as}}"{{#err_posted_as}} aria-invalid="true"{{/err_posted_as}}></div>
<div class="field{{#err_where}} has-error{{/err_where}}"><label for="f-where">Where it will go out</label>
{{#err_where}}<p class="field-error" id="e-where">{{err_where}}</p>{{/err_where}}
<input id="f-where" name="where" type="text" maxlength="200" value="{{form_where}}"{{#err_where}} aria-describedby="e-where" aria-invalid="true"{{/err_where}}></div>
<div class="field{{#err_publish_at}} has-error{{/err_publish_at}}"><label for="f-publish_at">When it will go out (UK time, optional)</label>
{{#err_publish_at}}<p class="field-error" id="e-publish_at">{{err_publish_at}}</p>{{/err_publish_at}}
<input id="f-publish_at" name="publish_at" type="datetime-local" value="{{form_publish_at}}"{{#err_publish_at}} aria-describedby="e-publish_at" aria-invalid="true"{{/err_publish_at}}></div>
<fieldset id="f-others_material"{{#err_others_material}} aria-describedby="e-others_material"{{/err_others_material}}><legend>Does the post share someone else's material?</legend>
<p class="hint">A photo, video, music, artwork or words that someone else made, another account's post among them. The policy asks for the permission of whoever holds the copyright before it is shared, and that the post credits whoever made it.</p>
{{#err_others_material}}<p class="field-error" id="e-others_material">{{err_others_material}}</p>{{/err_others_material}}
<label class="checkbox" for="f-others_material-yes"><input id="f-others_material-yes" type="radio" name="others_material" value="yes"{{#chose_others_material_yes}} checked{{/chose_others_material_yes}}> Yes</label>
<label class="checkbox" for="f-others_material-no"><input id="f-others_material-no" type="radio" name="others_material" value="no"{{#chose_others_material_no}} checked{{/chose_others_material_no}}> No: it is all the school's own</label>
</fieldset>
<fieldset><legend>If it shares someone else's material</legend>
{{#err_permission}}<p class="field-error" id="e-permission">{{err_permission}}</p>{{/err_permission}}
<label class="checkbox" for="f-permission"><input id="f-permission" type="checkbox" name="permission" value="yes"{{#chose_permission_yes}} checked{{/chose_permission_yes}}{{#err_permission}} aria-describedby="e-permission" aria-invalid="true"{{/err_permission}}> Whoever holds the copyright has given permission to share it</label>
<div class="field{{#err_credit}} has-error{{/err_credit}}"><label for="f-credit">Who made it, as the post credits them</label>
{{#err_credit}}<p class="field-error" id="e-credit">{{err_credit}}</p>{{/err_credit}}
<input id="f-credit" name="credit" type="text" maxlength="200" value="{{form_credit}}"{{#err_credit}} aria-describedby="e-credit" aria-invalid="true"{{/err_credit}}></div>
</fieldset>
<div class="actions"><button class="btn" type="submit">Send the new text for sign-off</button></div>
</form>{{/may_resubmit}}
<p><a href="/accounts/{{account_id}}">Back to the account</a></p>
